package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jqga.api.OptionalArgument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bytes in, reply lines out: the engine without OSGi, against commands held in a map. */
class EngineSessionTest {

    record EchoArguments(String text, @OptionalArgument Long times, @OptionalArgument List<Boolean> flags) {
    }

    record EchoResult(String text, Long times, String bufB64) {
    }

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    /** Replies, or pieces of them, that reached the sink in native memory. */
    private int directSends;
    private MapDirectory directory;
    private EngineSession session;

    @BeforeEach
    void setUp() {
        directory = SampleCommands.directory()
                .add("echo", EchoArguments.class, (a, c) -> new EchoResult(a.text(), a.times(), null));
        RequestDispatcher dispatcher = new RequestDispatcher(directory, SampleCommands.gate(), new ResultMapper());
        session = new EngineSession(dispatcher, reply -> {
            directSends += reply.isDirect() ? 1 : 0;
            byte[] bytes = new byte[reply.remaining()];
            reply.get(bytes);
            wire.writeBytes(bytes);
        });
    }

    private String exchange(String input) throws Exception {
        return exchange(input.getBytes(StandardCharsets.UTF_8));
    }

    private String exchange(byte[] input) throws Exception {
        wire.reset();
        session.receive(ByteBuffer.wrap(input));
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void answersOneLinePerRequestWithTheIdEchoed() throws Exception {
        assertEquals("{\"return\": {}}\n", exchange("{\"execute\":\"guest-ping\"}"));
        assertEquals("{\"return\": 5, \"id\": [1, \"a\"]}\n", exchange("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":5},\"id\":[1,\"a\"]}"));
        assertEquals(0, directory.outstanding, "every lease given back");
    }

    @Test
    void requestsSplitAnywhereAndPipelined() throws Exception {
        byte[] input = "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1}}  {\"execute\":\"guest-ping\"}\n{\"execute\":\"guest-sync\",\"arguments\":{\"id\":2}}".getBytes(StandardCharsets.US_ASCII);
        StringBuilder out = new StringBuilder();
        for (byte b : input) {
            out.append(exchange(new byte[] {b}));
        }
        assertEquals("{\"return\": 1}\n{\"return\": {}}\n{\"return\": 2}\n", out.toString());
    }

    @Test
    void delimitedReplyStartsWithFF() throws Exception {
        assertEquals("\u00ff{\"return\": 9}\n", exchange("{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":9}}"));
        assertEquals("{\"return\": {}}\n", exchange("{\"execute\":\"guest-ping\"}"), "the delimiter is one-shot");
    }

    @Test
    void ffFlushesAPartialRequestWithOneError() throws Exception {
        assertEquals("", exchange("{\"execute\":\"guest-ping\""));
        assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, stray '\\uFFFD'\"}}\n"
                + "{\"return\": {}}\n", exchange(new byte[] {(byte) 0xFF, '{', '"', 'e', 'x', 'e', 'c', 'u', 't', 'e', '"', ':', '"',
                'g', 'u', 'e', 's', 't', '-', 'p', 'i', 'n', 'g', '"', '}'}));
    }

    @Test
    void garbageNeverStopsTheSession() throws Exception {
        String replies = exchange("}}}]]");
        assertEquals(5, replies.lines().count(), replies);
        assertTrue(replies.lines().allMatch(l -> l.contains("JSON parse error, expecting value")), replies);
        assertEquals("{\"return\": {}}\n", exchange("{\"execute\":\"guest-ping\"}"));
    }

    @Test
    void envelopeErrorsInQemuOrder() throws Exception {
        assertEquals(error("QMP input must be a JSON object"), exchange("[1]"));
        assertEquals(error("QMP input member 'execute' must be a string"), exchange("{\"execute\":1}"));
        assertEquals(error("QMP input member 'arguments' must be an object"), exchange("{\"execute\":\"guest-ping\",\"arguments\":null}"));
        assertEquals(error("QMP input member 'x' is unexpected", "7"), exchange("{\"execute\":\"guest-ping\",\"x\":1,\"id\":7}"));
        assertEquals(error("QMP input lacks member 'execute'"), exchange("{}"));
        assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command nope has not been found\"}}\n",
                exchange("{\"execute\":\"nope\"}"));
        // disabled wins over bad arguments, as in qemu-ga
        assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command blocked has been disabled\"}}\n",
                exchange("{\"execute\":\"blocked\",\"arguments\":{\"bad\":1}}"));
    }

    @Test
    void argumentErrorsComeFromTheBinder() throws Exception {
        assertEquals(error("Parameter 'id' is missing"), exchange("{\"execute\":\"guest-sync\"}"));
        assertEquals(error("Invalid parameter type for 'id', expected: integer"), exchange("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":\"1\"}}"));
        assertEquals(error("Parameter 'other' is unexpected"), exchange("{\"execute\":\"guest-ping\",\"arguments\":{\"other\":1}}"));
        assertEquals(error("Invalid parameter type for 'flags[1]', expected: boolean"),
                exchange("{\"execute\":\"echo\",\"arguments\":{\"text\":\"t\",\"flags\":[true,0]}}"));
    }

    @Test
    void resultsUseKebabCaseAndOmitAbsentMembers() throws Exception {
        assertEquals("{\"return\": {\"text\": \"hi\"}}\n", exchange("{\"execute\":\"echo\",\"arguments\":{\"text\":\"hi\"}}"));
        assertEquals("{\"return\": {\"text\": \"hi\", \"times\": 3}}\n", exchange("{\"execute\":\"echo\",\"arguments\":{\"text\":\"hi\",\"times\":3}}"));
    }

    @Test
    void handlerFailuresAreGenericErrorsAndBugsDoNotEscape() throws Exception {
        assertEquals(error("failed to do it: No such file or directory", "1"), exchange("{\"execute\":\"fails\",\"id\":1}"));
        String reply = exchange("{\"execute\":\"throws\"}");
        assertTrue(reply.startsWith("{\"error\": {\"class\": \"GenericError\", \"desc\": \"command throws failed: java.lang.IllegalStateException: bug\""), reply);
        assertEquals(0, directory.outstanding);
    }

    @Test
    void noReplyOnSuccessForNoSuccessResponseCommands() throws Exception {
        assertEquals("", exchange("{\"execute\":\"guest-shutdown\"}"));
        assertEquals(error("Parameter 'x' is unexpected"), exchange("{\"execute\":\"guest-shutdown\",\"arguments\":{\"x\":1}}"));
    }

    @Test
    void resetDropsAPartialRequest() throws Exception {
        exchange("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":");
        session.reset();
        assertEquals("{\"return\": {}}\n", exchange("{\"execute\":\"guest-ping\"}"));
    }

    private static String error(String desc) {
        return "{\"error\": {\"class\": \"GenericError\", \"desc\": \"" + desc + "\"}}\n";
    }

    private static String error(String desc, String id) {
        return "{\"error\": {\"class\": \"GenericError\", \"desc\": \"" + desc + "\"}, \"id\": " + id + "}\n";
    }

    record Chunk(long count, ByteBuffer bufB64, byte[] raw) {
    }

    record ChunkArguments(long size, boolean fail) {
    }

    @Test
    void lentBuffersCarryBytesAsBase64AndComeBackOnlyAfterTheirReply() throws Exception {
        java.util.List<byte[]> arrays = new java.util.ArrayList<>();
        directory.add("chunk", ChunkArguments.class, (a, c) -> {
            ByteBuffer data = c.lendBuffer((int) a.size());
            arrays.add(data.array());
            for (int i = 0; data.hasRemaining(); i++) {
                data.put((byte) i);
            }
            if (a.fail()) {
                throw org.jqga.api.CommandException.genericError("failed after borrowing");
            }
            return new Chunk(data.flip().remaining(), data.position(1), new byte[] {(byte) 0xFB});
        });
        assertEquals("{\"return\": {\"count\": 4, \"buf-b64\": \"AQID\", \"raw\": \"+w==\"}}\n",
                exchange("{\"execute\":\"chunk\",\"arguments\":{\"size\":4,\"fail\":false}}"));
        exchange("{\"execute\":\"chunk\",\"arguments\":{\"size\":3,\"fail\":false}}");
        assertTrue(arrays.get(0) == arrays.get(1), "the second request got the first one's buffer back");
        assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed after borrowing\"}}\n",
                exchange("{\"execute\":\"chunk\",\"arguments\":{\"size\":2,\"fail\":true}}"));
        exchange("{\"execute\":\"chunk\",\"arguments\":{\"size\":2,\"fail\":false}}");
        assertTrue(arrays.get(3) != arrays.get(2), "a buffer its handler failed with is not lent again");
        assertEquals(0, directory.outstanding, "every lease given back");
    }

    record Streamed(long count, org.jqga.api.ByteSource bufB64) {
    }

    /** A result's source is read while the reply is written, between the count before it and the members after. */
    @Test
    void aByteSourceInAResultIsReadWhileItsReplyIsWritten() throws Exception {
        int size = 2 * (1 << 20) + 1;
        byte[] expected = new byte[size];
        new java.util.Random(9).nextBytes(expected);
        java.util.concurrent.atomic.AtomicLong readBeforeReturn = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        directory.add("stream", ChunkArguments.class, (a, c) -> {
            org.jqga.api.ByteSource source = new org.jqga.api.ByteSource() {
                @Override
                public long length() {
                    return size;
                }

                @Override
                public void read(long offset, ByteBuffer target) {
                    read.addAndGet(target.remaining());
                    target.put(expected, (int) offset, target.remaining());
                }
            };
            readBeforeReturn.set(read.get());
            return new Streamed(size, source);
        });
        String reply = exchange("{\"execute\":\"stream\",\"arguments\":{\"size\":0,\"fail\":false}}");
        assertEquals("{\"return\": {\"count\": " + size + ", \"buf-b64\": \""
                + java.util.Base64.getEncoder().encodeToString(expected) + "\"}}\n", reply);
        assertEquals(0, readBeforeReturn.get(), "nothing read before the command returned");
        assertEquals(size, read.get(), "every byte read once");
    }

    @Test
    void largeLentBuffersAreDirectAndTheirBase64GoesToTheSinkWithoutACopyOnTheHeap() throws Exception {
        java.util.List<ByteBuffer> lent = new java.util.ArrayList<>();
        directory.add("chunk", ChunkArguments.class, (a, c) -> {
            ByteBuffer data = c.lendBuffer((int) a.size());
            lent.add(data);
            for (int i = 0; data.hasRemaining(); i++) {
                data.put((byte) (i * 7));
            }
            return new Chunk(data.flip().remaining(), data, null);
        });
        int size = 3 * LentBuffers.DIRECT_FROM + 1;
        byte[] expected = new byte[size];
        for (int i = 0; i < size; i++) {
            expected[i] = (byte) (i * 7);
        }
        for (int round = 0; round < 2; round++) {
            String reply = exchange("{\"execute\":\"chunk\",\"arguments\":{\"size\":" + size + ",\"fail\":false}}");
            assertEquals("{\"return\": {\"count\": " + size + ", \"buf-b64\": \""
                    + java.util.Base64.getEncoder().encodeToString(expected) + "\"}}\n", reply);
        }
        assertTrue(lent.get(0).isDirect(), "a large lent buffer is direct");
        assertTrue(lent.get(0) == lent.get(1), "and lent again once its reply is out");
        assertTrue(directSends >= 2, "each reply's base64 reached the sink from direct pieces: " + directSends);
        assertEquals(0, directory.outstanding, "every lease given back");
    }

    record WriteArguments(org.jqga.api.Base64Argument data, boolean keep, boolean fail) {
    }

    @Test
    void largeBase64ArgumentsAreDecodedToLentArraysThatComeBackAfterTheRequest() throws Exception {
        java.util.List<ByteBuffer> seen = new java.util.ArrayList<>();
        java.util.List<byte[]> kept = new java.util.ArrayList<>();
        directory.add("write", WriteArguments.class, (a, c) -> {
            ByteBuffer data = a.data().decodeBuffer();
            seen.add(data);
            if (a.keep()) {
                kept.add(a.data().decode());
            }
            if (a.fail()) {
                throw org.jqga.api.CommandException.genericError("failed while holding the bytes");
            }
            return new Chunk(data.remaining(), null, null);
        });
        byte[][] contents = new byte[5][];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < contents.length; i++) {
            // the second is shorter: it fits the first one's array and must still read as exactly its own bytes
            contents[i] = new byte[i == 1 ? 30_000 : 40_000];
            random.nextBytes(contents[i]);
        }
        for (int i = 0; i < contents.length; i++) {
            String request = "{\"execute\":\"write\",\"arguments\":{\"data\":\""
                    + java.util.Base64.getEncoder().encodeToString(contents[i]) + "\",\"keep\":" + (i == 2)
                    + ",\"fail\":" + (i == 3) + "}}";
            String reply = exchange(request);
            if (i == 3) {
                assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed while holding the bytes\"}}\n",
                        reply);
                continue;
            }
            assertEquals("{\"return\": {\"count\": " + contents[i].length + "}}\n", reply);
            ByteBuffer data = seen.get(i);
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            org.junit.jupiter.api.Assertions.assertArrayEquals(contents[i], bytes, "request " + i);
        }
        assertTrue(seen.get(1).array() == seen.get(0).array(), "the second request decoded to the first one's array");
        assertTrue(seen.get(2).array() == seen.get(0).array(), "and so did the third");
        assertTrue(seen.get(4).array() != seen.get(3).array(), "an array its command failed with is not lent again");
        org.junit.jupiter.api.Assertions.assertArrayEquals(contents[2], kept.get(0),
                "decode() gave the command bytes of its own, which later requests do not overwrite");
        assertEquals(0, directory.outstanding, "every lease given back");
    }

    @Test
    void largeBase64ArgumentsAreDecodedToDirectBuffersThatReadsShare() throws Exception {
        java.util.List<ByteBuffer> seen = new java.util.ArrayList<>();
        directory.add("write", WriteArguments.class, (a, c) -> {
            ByteBuffer data = a.data().decodeBuffer();
            seen.add(data);
            return new Chunk(data.remaining(), null, null);
        });
        java.util.List<ByteBuffer> lent = new java.util.ArrayList<>();
        directory.add("chunk", ChunkArguments.class, (a, c) -> {
            ByteBuffer data = c.lendBuffer((int) a.size());
            lent.add(data);
            return new Chunk(0, data.limit(0), null);
        });
        byte[] content = new byte[LentBuffers.DIRECT_FROM * 2 + 1];
        new java.util.Random(9).nextBytes(content);
        String reply = exchange("{\"execute\":\"write\",\"arguments\":{\"data\":\""
                + java.util.Base64.getEncoder().encodeToString(content) + "\",\"keep\":false,\"fail\":false}}");
        assertEquals("{\"return\": {\"count\": " + content.length + "}}\n", reply);
        assertTrue(seen.get(0).isDirect(), "a large argument is decoded to a direct buffer");
        byte[] bytes = new byte[seen.get(0).remaining()];
        seen.get(0).duplicate().get(bytes);
        org.junit.jupiter.api.Assertions.assertArrayEquals(content, bytes);
        exchange("{\"execute\":\"chunk\",\"arguments\":{\"size\":" + content.length + ",\"fail\":false}}");
        assertTrue(lent.get(0).isDirect());
        seen.get(0).put(0, (byte) 1);
        lent.get(0).duplicate().clear().put(0, (byte) 2);
        assertEquals(2, seen.get(0).get(0), "a read after the write got the buffer the write was decoded to");
        assertEquals(0, directory.outstanding, "every lease given back");
    }
}
