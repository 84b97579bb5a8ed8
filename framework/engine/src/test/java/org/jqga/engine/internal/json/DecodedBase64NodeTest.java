package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
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
}
