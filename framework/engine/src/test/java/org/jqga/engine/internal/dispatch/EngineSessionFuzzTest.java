package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jqga.api.OptionalArgument;
import org.jqga.engine.internal.binding.QemuErrorTexts;
import org.jqga.engine.internal.json.RandomChunks;

/**
 * Coverage-guided fuzzing of the protocol engine, bytes in and replies out (issue 9). Invariants: nothing
 * escapes the session, the replies do not depend on how the input was split, every reply is a line the spec
 * allows, replies are bounded by the input, and afterwards 0xFF plus guest-sync-delimited resynchronises.
 * Plain {@code mvn verify} replays the inputs under {@code EngineSessionFuzzTestInputs/}; {@code scripts/fuzz} fuzzes.
 */
class EngineSessionFuzzTest {

    /** Escaping writes one input byte as at most 12 output bytes (U+FFFD escaped per invalid byte, %.17g for "0.1"). */
    private static final int OUTPUT_BYTES_PER_INPUT_BYTE = 12;
    /** The fixed text of one reply: envelope, class and the longest catalogue text around the input's part. */
    private static final int OUTPUT_BYTES_PER_REPLY = 200;

    record Item(String name, @OptionalArgument List<Long> sizes) {
    }

    record EchoArguments(String text, @OptionalArgument Integer times, @OptionalArgument List<Item> items,
                         @OptionalArgument JsonNode extra, @OptionalArgument Double ratio) {
    }

    @FuzzTest
    void bytesInRepliesOut(byte[] input) throws IOException {
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(input));
        WireSession whole = new WireSession();
        whole.feedWhole(input);
        WireSession chunked = new WireSession();
        chunked.feed(input, 1 + random.nextInt(Math.max(1, input.length)), random);
        assertArrayEquals(whole.output(), chunked.output(), "replies must not depend on how the input was split");

        List<ReplyLine> replies = ReplyLine.readAll(chunked.output());
        replies.forEach(EngineSessionFuzzTest::assertAllowedBySpec);
        assertTrue(replies.size() <= input.length, replies.size() + " replies to " + input.length + " bytes");
        assertTrue(chunked.output().length <= (long) OUTPUT_BYTES_PER_INPUT_BYTE * input.length + (long) OUTPUT_BYTES_PER_REPLY * replies.size(),
                chunked.output().length + " reply bytes to " + input.length + " input bytes");

        long id = random.nextLong();
        chunked.clearOutput();
        byte[] resync = ("\u00ff{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":" + id + "}}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        chunked.feed(resync, 1 + random.nextInt(resync.length), random);
        assertResynchronised(ReplyLine.readAll(chunked.output()), id);
        assertEquals(0, whole.directory.outstanding + chunked.directory.outstanding, "every lease given back");
    }

    /** After 0xFF: the delimited echo last, before it only errors, the last of which is the 0xFF's own "stray". */
    private static void assertResynchronised(List<ReplyLine> replies, long id) {
        replies.forEach(EngineSessionFuzzTest::assertAllowedBySpec);
        assertTrue(replies.size() >= 2 && replies.size() <= 3, "1 or 2 errors, then the sync: " + replies);
        ReplyLine sync = replies.get(replies.size() - 1);
        assertTrue(sync.delimited(), sync.text());
        assertEquals("{\"return\": " + id + "}", sync.text());
        for (ReplyLine reply : replies.subList(0, replies.size() - 1)) {
            assertTrue(reply.body().has("error") && !reply.delimited(), reply.text());
        }
        String stray = replies.get(replies.size() - 2).body().path("error").path("desc").asText();
        assertTrue(stray.startsWith("JSON parse error, stray '"), stray);
    }

    /** Spec §2.2 and §2.3: the two reply shapes, the two error classes, the catalogue's texts. */
    private static void assertAllowedBySpec(ReplyLine reply) {
        JsonNode body = reply.body();
        Set<String> members = names(body);
        if (body.has("return")) {
            assertTrue(Set.of("return").equals(members) || Set.of("return", "id").equals(members), reply.text());
            assertTrue(!reply.delimited() || body.get("return").isIntegralNumber(), "only guest-sync-delimited is delimited: " + reply.text());
            return;
        }
        assertTrue(Set.of("error").equals(members) || Set.of("error", "id").equals(members), reply.text());
        assertFalse(reply.delimited(), "an error is never delimited: " + reply.text());
        JsonNode error = body.get("error");
        assertEquals(Set.of("class", "desc"), names(error), reply.text());
        assertTrue(error.get("desc").isTextual(), reply.text());
        String desc = error.get("desc").textValue();
        switch (error.get("class").asText()) {
            case "CommandNotFound" -> assertTrue(QemuErrorTexts.matchesAny(QemuErrorTexts.NOT_FOUND, desc), reply.text());
            case "GenericError" -> {
                boolean unparsed = QemuErrorTexts.matchesAny(QemuErrorTexts.PARSING, desc);
                assertFalse(unparsed && body.has("id"), "an unparsed or non-object request has no id: " + reply.text());
                assertTrue(unparsed || QemuErrorTexts.matchesAny(QemuErrorTexts.ENVELOPE, desc)
                        || QemuErrorTexts.matchesAny(QemuErrorTexts.BINDING, desc)
                        || desc.equals(SampleCommands.HANDLER_ERROR) || desc.equals(SampleCommands.BUG_ERROR), reply.text());
            }
            default -> throw new AssertionError("error class outside the spec: " + reply.text());
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A session over a few commands like qemu-ga's, recording the wire; input is fed in random chunks. */
    private static final class WireSession {

        /** Building an ObjectMapper costs milliseconds, the rest of a session microseconds. */
        private static final ResultMapper RESULTS = new ResultMapper();

        final MapDirectory directory = SampleCommands.directory().add("echo", EchoArguments.class, (a, c) -> a);
        private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        private final EngineSession session = new EngineSession(
                new RequestDispatcher(directory, SampleCommands.gate(), RESULTS), this::record);

        private void record(ByteBuffer reply) {
            byte[] bytes = new byte[reply.remaining()];
            reply.get(bytes);
            wire.writeBytes(bytes);
        }

        void feedWhole(byte[] input) throws IOException {
            session.receive(ByteBuffer.wrap(input));
        }

        void feed(byte[] input, int maxChunk, SplittableRandom random) throws IOException {
            RandomChunks.feed(input, maxChunk, random, session::receive);
        }

        byte[] output() {
            return wire.toByteArray();
        }

        void clearOutput() {
            wire.reset();
        }
    }
}
