package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large canonical base64 strings are held decoded; anything else stays the text it was, to the byte. */
class DecodedBase64NodeTest {

    private static final int LARGE = DecodedBase64Node.MIN_TEXT_LENGTH;

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

    /** Into a lender's buffer, heap or direct: longer than the bytes and holding older ones, which nothing may show. */
    @Test
    void decodesIntoALentBufferAndHandsOutOnlyCopiesOfIt() throws Exception {
        // the direct lengths cross the decoder's scratch (48 KiB) in every way a group can end
        for (int bytes : List.of(LARGE / 4 * 3, LARGE / 4 * 3 + 1, LARGE / 4 * 3 + 2, 3 << 14, (3 << 14) + 1,
                (3 << 14) + 2, 100_000, 300_001)) {
            for (boolean direct : List.of(false, true)) {
                String text = base64Of(bytes);
                java.nio.ByteBuffer lent = direct ? java.nio.ByteBuffer.allocateDirect(bytes + 7)
                        : java.nio.ByteBuffer.allocate(bytes + 7);
                while (lent.hasRemaining()) {
                    lent.put((byte) 0x5A);
                }
                byte[] body = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
                Object value = JsonStringDecoder.decode(body, body.length, size -> lent);
                String what = (direct ? "direct, " : "heap, ") + bytes + " bytes";
                DecodedBase64Node node = assertInstanceOf(DecodedBase64Node.class, value, what);
                byte[] expected = Base64.getDecoder().decode(text);
                assertTrue(node.lentBuffer() == lent, what);
                assertArrayEquals(expected, node.decoded(), what);
                assertArrayEquals(expected, node.binaryValue(), what);
                assertEquals(java.nio.ByteBuffer.wrap(expected), node.buffer(), what);
                assertEquals(text, node.textValue(), what);
                assertEquals(node, TextNode.valueOf(text), what);
                assertEquals(0x5A, lent.get(bytes), "nothing written past the bytes: " + what);
            }
        }
        byte[] notBase64 = ("\"" + base64Of(LARGE).replace('A', '.') + "\"").getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(String.class, JsonStringDecoder.decode(notBase64, notBase64.length, java.nio.ByteBuffer::allocate));
        byte[] badLate = ("\"" + base64Of(300_000).substring(0, 200_000) + "." + base64Of(300_000).substring(200_001)
                + "\"").getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(String.class, JsonStringDecoder.decode(badLate, badLate.length, java.nio.ByteBuffer::allocateDirect),
                "a character outside the alphabet in a later scratchful keeps the text a string");
        byte[] text = base64Of(LARGE).getBytes(StandardCharsets.US_ASCII);
        DecodedBase64Node own = DecodedBase64Node.decodeIfCanonical(text, 0, text.length, DecodedBase64Node.NEW_BUFFERS);
        assertEquals(null, own.lentBuffer(), "a buffer of its own is nobody's to take back");
        assertTrue(own.decoded() == own.decoded(), "and its array is handed out as it is");
    }
}
