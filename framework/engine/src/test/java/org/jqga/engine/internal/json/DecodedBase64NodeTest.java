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

    /** Into a lender's array: longer than the bytes and holding older ones, which nothing may show. */
    @Test
    void decodesIntoALentArrayAndHandsOutOnlyCopiesOfIt() throws Exception {
        for (int bytes : List.of(LARGE / 4 * 3, LARGE / 4 * 3 + 1, LARGE / 4 * 3 + 2, 100_000)) {
            String text = base64Of(bytes);
            byte[] lent = new byte[bytes + 7];
            java.util.Arrays.fill(lent, (byte) 0x5A);
            byte[] body = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
            Object value = JsonStringDecoder.decode(body, body.length, size -> lent);
            DecodedBase64Node node = assertInstanceOf(DecodedBase64Node.class, value, "bytes " + bytes);
            byte[] expected = Base64.getDecoder().decode(text);
            assertTrue(node.lentArray() == lent);
            assertArrayEquals(expected, node.decoded());
            assertTrue(node.decoded() != lent, "an owned copy, not the lender's array");
            assertEquals(java.nio.ByteBuffer.wrap(expected), node.buffer());
            assertEquals(text, node.textValue());
            assertEquals(node, TextNode.valueOf(text));
            assertEquals(0x5A, lent[bytes], "nothing written past the bytes");
        }
        byte[] notBase64 = ("\"" + base64Of(LARGE).replace('A', '.') + "\"").getBytes(StandardCharsets.US_ASCII);
        assertInstanceOf(String.class, JsonStringDecoder.decode(notBase64, notBase64.length, byte[]::new));
        byte[] text = base64Of(LARGE).getBytes(StandardCharsets.US_ASCII);
        DecodedBase64Node own = DecodedBase64Node.decodeIfCanonical(text, 0, text.length, DecodedBase64Node.NEW_ARRAYS);
        assertEquals(null, own.lentArray(), "an array of its own is nobody's to take back");
        assertTrue(own.decoded() == own.decoded(), "and is handed out as it is");
    }
}
