package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large canonical base64 strings are held decoded; anything else stays the text it was, to the byte. */
class DecodedBase64NodeTest {

    private static final int LARGE = Base64StringBody.MIN_TEXT_LENGTH;

    private static JsonNode parseString(String body) {
        return ParsedJson.of("{\"execute\":\"guest-file-write\",\"arguments\":{\"buf-b64\":\"" + body + "\"}}")
                .get("arguments").get("buf-b64");
    }

    private static String base64Of(int bytes) {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    @Test
    void largeCanonicalBase64IsHeldDecodedAndPrintsAsSent() throws Exception {
        for (int bytes : List.of(LARGE / 4 * 3, LARGE / 4 * 3 + 1, LARGE / 4 * 3 + 2, 4 << 20)) {
            String text = base64Of(bytes);
            JsonNode node = parseString(text);
            DecodedBase64Node decoded = assertInstanceOf(DecodedBase64Node.class, node, "bytes " + bytes);
            assertArrayEquals(Base64.getDecoder().decode(text), decoded.decoded());
            assertEquals(text.length(), decoded.textLength());
            assertTrue(node.isTextual());
            assertEquals(text, node.textValue());
            assertEquals(text, node.asText());
            assertEquals("\"" + text + "\"", RecordingListener.json(node));
            assertEquals("\"" + text + "\"", new ObjectMapper().writeValueAsString(node));
            assertEquals(node, TextNode.valueOf(text));
            assertEquals(text.hashCode(), node.hashCode());
        }
    }

    @Test
    void anythingNotCanonicalOrShortStaysText() {
        String canonical = base64Of(LARGE);
        List<String> texts = List.of(
                base64Of(LARGE / 4 * 3 - 3), // one group short of the threshold
                canonical.substring(0, canonical.length() - 1), // incomplete last group
                canonical.substring(0, 64) + "\\n" + canonical.substring(65) + "A", // newline: lenient only
                canonical.substring(0, 64) + "====" + canonical.substring(68), // padding inside
                canonical.substring(0, canonical.length() - 4) + "QR==", // unused bits set
                canonical.substring(0, canonical.length() - 4) + "QUF=", // unused bits set, one '='
                canonical.substring(0, canonical.length() - 4) + "Q===", // three '='
                canonical.substring(0, 100) + "-_" + canonical.substring(102), // url alphabet
                canonical.substring(0, 100) + "\\/" + canonical.substring(102, canonical.length() - 1)); // escape
        for (String text : texts) {
            JsonNode node = parseString(text);
            assertInstanceOf(TextNode.class, node, () -> "text ending " + text.substring(text.length() - 8));
            assertEquals(text.replace("\\/", "/").replace("\\n", "\n"), node.textValue());
        }
    }

    /** Texts whole and in random pieces: the same values and the same text, however they arrive. */
    @Test
    void piecesDecodeAsTheWholeDoes() throws Exception {
        String canonical = base64Of(LARGE + 1000);
        List<String> texts = List.of(canonical, base64Of(LARGE + 1001), base64Of(LARGE + 1002),
                canonical.substring(0, canonical.length() - 1),
                canonical.substring(0, 20000) + "\\n" + canonical.substring(20000),
                canonical.substring(0, 20000) + "=" + canonical.substring(20000),
                canonical.substring(0, canonical.length() - 4) + "QR==",
                canonical + "AB==" + "CD==",
                canonical.substring(0, 22000) + "\u00e9" + canonical.substring(22000));
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (String text : texts) {
            byte[] input = ("{\"execute\":\"x\",\"arguments\":{\"data\":\"" + text + "\"}} {'execute':'y'}")
                    .getBytes(StandardCharsets.UTF_8);
            List<String> whole = RecordingListener.parseAll(new QmpStreamParser(), input);
            for (int round = 0; round < 10; round++) {
                QmpStreamParser parser = new QmpStreamParser();
                RecordingListener listener = new RecordingListener();
                RandomChunks.feed(input, round % 2 == 0 ? 7 : 9000, random, chunk -> parser.feed(chunk, listener));
                assertEquals(whole, listener.events, "text ending " + text.substring(text.length() - 6));
                JsonNode value = listener.values.get(0).get("arguments").get("data");
                assertEquals(isCanonical(value.textValue()), value instanceof DecodedBase64Node,
                        "held decoded exactly when canonical");
            }
        }
    }

    private static boolean isCanonical(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * A lender that fills what it lends with 0x5A and gives more room than asked (its limit is what was asked, as the
     * engine's): nothing past the bytes may show. Buffers are compared by identity only: one grown into and outgrown
     * has been freed, and its contents must not be read.
     */
    private static final class Lender implements DecodeBuffers {
        final boolean direct;
        final List<ByteBuffer> lent = new ArrayList<>();
        final List<ByteBuffer> allocated = new ArrayList<>();
        final List<ByteBuffer> givenBack = new ArrayList<>();
        final List<Integer> asked = new ArrayList<>();

        Lender(boolean direct) {
            this.direct = direct;
        }

        private ByteBuffer filled(int capacity) {
            ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
            while (buffer.hasRemaining()) {
                buffer.put((byte) 0x5A);
            }
            return buffer.clear();
        }

        @Override
        public ByteBuffer lend(int capacity) {
            ByteBuffer buffer = filled(capacity + 7).limit(capacity);
            lent.add(buffer);
            asked.add(capacity);
            return buffer;
        }

        @Override
        public ByteBuffer allocate(int capacity) {
            ByteBuffer buffer = filled(capacity);
            allocated.add(buffer);
            return buffer;
        }

        @Override
        public void giveBack(ByteBuffer buffer) {
            assertTrue(isIn(lent, buffer), "gives back only what was lent, never a buffer grown into");
            givenBack.add(buffer);
        }

        /** The lent buffers not given back. */
        List<ByteBuffer> held() {
            return lent.stream().filter(b -> !isIn(givenBack, b)).toList();
        }

        static boolean isIn(List<ByteBuffer> buffers, ByteBuffer buffer) {
            return buffers.stream().anyMatch(b -> b == buffer);
        }

        static ByteBuffer last(List<ByteBuffer> buffers) {
            return buffers.isEmpty() ? null : buffers.get(buffers.size() - 1);
        }
    }

    private static List<Object> parseAllWith(QmpStreamParser parser, String... requests) {
        List<Object> events = new ArrayList<>();
        for (String request : requests) {
            parser.feed(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)), new QmpStreamParser.Listener() {
                @Override
                public void value(JsonNode value) {
                    events.add(value.has("arguments") ? value.get("arguments").get("data") : value);
                }

                @Override
                public void error(String desc) {
                    events.add(desc);
                }
            });
        }
        return events;
    }

    private static String request(String data) {
        return "{\"execute\":\"guest-file-write\",\"arguments\":{\"data\":\"" + data + "\"}}";
    }

    /**
     * Into the lender's buffers, heap or direct, as the text comes: the outgrown ones go back, the last one goes with
     * the bytes, and only copies of the bytes are handed out.
     */
    @Test
    void decodesIntoLentBuffersAndHandsOutOnlyCopiesOfThem() throws Exception {
        // across the decoder's scratch (48 KiB) and the first buffer (64 KiB) in every way a group can end
        for (int bytes : List.of(LARGE / 4 * 3, LARGE / 4 * 3 + 1, LARGE / 4 * 3 + 2, 3 << 14, (3 << 14) + 1,
                (3 << 14) + 2, 1 << 16, (1 << 16) + 1, 100_000, 300_001)) {
            for (boolean direct : List.of(false, true)) {
                String what = (direct ? "direct, " : "heap, ") + bytes + " bytes";
                String text = base64Of(bytes);
                Lender lender = new Lender(direct);
                List<Object> events = parseAllWith(new QmpStreamParser(lender), request(text));
                DecodedBase64Node node = assertInstanceOf(DecodedBase64Node.class, events.get(0), what);
                byte[] expected = Base64.getDecoder().decode(text);
                ByteBuffer holding = node.lentBuffer();
                boolean grew = !lender.allocated.isEmpty();
                assertTrue(holding == (grew ? Lender.last(lender.allocated) : Lender.last(lender.lent)), what);
                assertEquals(grew ? 0 : 1, lender.held().size(), "every lent buffer but the node's went back: " + what);
                assertTrue(lender.held().isEmpty() || lender.held().get(0) == holding, what);
                assertArrayEquals(expected, node.decoded(), what);
                assertTrue(node.decoded() != node.decoded(), "a lent buffer's bytes are copied: " + what);
                assertArrayEquals(expected, node.binaryValue(), what);
                assertEquals(ByteBuffer.wrap(expected), node.buffer(), what);
                assertEquals(text, node.textValue(), what);
                assertEquals(text.length(), node.textLength(), what);
                if (bytes < holding.capacity()) {
                    assertEquals(0x5A, holding.get(bytes), "nothing written past the bytes: " + what);
                }
            }
        }
    }

    /** A host moving a file sends the same size again and again: one buffer of that size, from the second on. */
    @Test
    void aStringAfterAnotherStartsWithABufferOfTheFormersSize() {
        Lender lender = new Lender(true);
        QmpStreamParser parser = new QmpStreamParser(lender);
        String text = base64Of(1 << 20);
        parseAllWith(parser, request(text));
        int grownInto = lender.allocated.size();
        assertTrue(grownInto > 1, "the first grew from " + lender.asked.get(0));
        DecodedBase64Node second = (DecodedBase64Node) parseAllWith(parser, request(text)).get(0);
        assertEquals(2, lender.lent.size(), "one buffer lent for the second");
        assertEquals(grownInto, lender.allocated.size(), "and none grown into");
        assertEquals(1 << 20, lender.asked.get(1), "as large as the first one's bytes");
        assertTrue(second.lentBuffer() == lender.lent.get(1));
    }

    /** Text that is not base64 lends nothing, or gives back all it was lent, and stays the text it was. */
    @Test
    void textThatIsNotBase64KeepsNoLentBuffer() {
        String canonical = base64Of(300_000);
        List<String> texts = List.of(
                canonical.replace('A', '.'), // early: nothing is lent at all
                canonical.substring(0, 200_000) + "." + canonical.substring(200_001), // after 48 KiB scratches
                canonical.substring(0, 200_000) + "\\/" + canonical.substring(200_001), // an escape
                canonical.substring(0, 200_000) + "\u00e9" + canonical.substring(200_001), // UTF-8
                canonical.substring(0, canonical.length() - 4) + "AB=A", // a digit after padding
                canonical.substring(0, canonical.length() - 2)); // a group cut short at the quote
        for (String text : texts) {
            Lender lender = new Lender(true);
            Object value = parseAllWith(new QmpStreamParser(lender), request(text)).get(0);
            String what = "text ending " + text.substring(text.length() - 6);
            assertInstanceOf(TextNode.class, value, what);
            assertEquals(text.replace("\\/", "/"), ((JsonNode) value).textValue(), what);
            assertEquals(List.of(), lender.held(), what);
        }
        Lender lender = new Lender(true);
        parseAllWith(new QmpStreamParser(lender), request(canonical.replace('A', '.')));
        assertEquals(List.of(), lender.lent, "nothing lent for text that is not base64 from its start");
    }

    /** A string cut off at the size limit, or a parser reset in the middle of one, gives its buffers back. */
    @Test
    void aCutOffOrAbandonedStringGivesItsBuffersBack() {
        Lender lender = new Lender(true);
        QmpStreamParser parser = new QmpStreamParser(100_000, 1000, 10, lender);
        List<Object> events = parseAllWith(parser, request(base64Of(200_000)), "{\"execute\":\"guest-ping\"}");
        assertEquals("JSON token size limit exceeded", events.get(0));
        assertEquals(List.of(), lender.held());
        assertTrue(lender.lent.size() > 0);

        Lender abandoned = new Lender(false);
        QmpStreamParser reset = new QmpStreamParser(abandoned);
        parseAllWith(reset, request(base64Of(200_000))); // the next string's buffer is then large enough from its start
        String half = request(base64Of(200_000)).substring(0, 150_000);
        reset.feed(ByteBuffer.wrap(half.getBytes(StandardCharsets.US_ASCII)), new RecordingListener());
        assertEquals(1, abandoned.held().size(), "held while the string is read");
        assertTrue(abandoned.held().get(0) == Lender.last(abandoned.lent));
        reset.reset();
        assertEquals(List.of(), abandoned.held(), "given back on reset");
        assertEquals(List.of("ok"), parseAllWith(reset, request("b2s=")).stream().map(v -> ((JsonNode) v).textValue())
                .map(t -> new String(Base64.getDecoder().decode(t), StandardCharsets.US_ASCII)).toList());
    }

    @Test
    void aParserWithoutLenderDecodesIntoBuffersOfItsOwn() {
        JsonNode node = parseString(base64Of(LARGE));
        DecodedBase64Node own = assertInstanceOf(DecodedBase64Node.class, node);
        assertEquals(null, own.lentBuffer(), "a buffer of its own is nobody's to take back");
        assertArrayEquals(Base64.getDecoder().decode(base64Of(LARGE)), own.decoded());
    }
}
