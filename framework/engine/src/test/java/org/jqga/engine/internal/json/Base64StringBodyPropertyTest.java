package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Large strings, base64 or nearly, split anywhere: the value is the string another JSON parser reads from the same
 * text, held decoded exactly when it is canonical base64, and every buffer lent for it but the one holding its bytes
 * goes back.
 */
class Base64StringBodyPropertyTest {

    private static final String[] BREAKERS = {".", "=", "==", "\\/", "\\n", "\\u0041", "\u00e9", " ", "-", "A=", "\\\\"};

    /** Counts what is lent and given back, by identity: a buffer grown into and outgrown has been freed. */
    private static final class CountingLender implements DecodeBuffers {
        final Map<ByteBuffer, Boolean> out = new IdentityHashMap<>();

        @Override
        public ByteBuffer lend(int capacity) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
            out.put(buffer, true);
            return buffer;
        }

        @Override
        public ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocateDirect(capacity);
        }

        @Override
        public void giveBack(ByteBuffer buffer) {
            assertTrue(out.remove(buffer) != null, "gives back only what was lent, once");
        }
    }

    @Test
    void theValueIsTheStringAnotherParserReadsHeldDecodedExactlyWhenCanonical() throws Exception {
        ObjectMapper reference = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(22);
        CountingLender lender = new CountingLender();
        QmpStreamParser parser = new QmpStreamParser(lender);
        int decoded = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bytes = new byte[Base64StringBody.MIN_TEXT_LENGTH / 4 * 3 - 6 + random.nextInt(40_000)];
            random.nextBytes(bytes);
            String text = mutated(Base64.getEncoder().encodeToString(bytes), random);
            String json = "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":1,\"buf-b64\":\"" + text + "\"}}";
            byte[] input = json.getBytes(StandardCharsets.UTF_8);
            RecordingListener listener = new RecordingListener();
            RandomChunks.feed(input, 1 + random.nextInt(random.nextBoolean() ? 64 : 70_000), random,
                    chunk -> parser.feed(chunk, listener));
            String what = "round " + round + ", text of " + text.length() + " ending " + text.substring(text.length() - 6);
            assertEquals(1, listener.values.size(), what + ": " + listener.events);
            JsonNode value = listener.values.get(0).get("arguments").get("buf-b64");
            String expected = reference.readTree(json).get("arguments").get("buf-b64").textValue();
            assertEquals(expected, value.textValue(), what);
            assertEquals(isCanonical(expected) && expected.length() >= Base64StringBody.MIN_TEXT_LENGTH,
                    value instanceof DecodedBase64Node, what + ": held decoded exactly when canonical");
            if (value instanceof DecodedBase64Node node) {
                decoded++;
                assertEquals(ByteBuffer.wrap(Base64.getDecoder().decode(expected)), node.buffer(), what);
                assertTrue(lender.out.isEmpty() || lender.out.size() == 1 && lender.out.containsKey(node.lentBuffer()),
                        what + ": no lent buffer out but the node's");
                if (node.lentBuffer() != null && lender.out.containsKey(node.lentBuffer())) {
                    lender.giveBack(node.lentBuffer()); // as the engine does once the request is done
                }
            }
            assertEquals(0, lender.out.size(), what + ": every lent buffer back");
        }
        assertTrue(decoded > 30 && decoded < 270, "both kinds were met: " + decoded + " of 300 decoded");
    }

    private static String mutated(String canonical, SplittableRandom random) {
        StringBuilder text = new StringBuilder(canonical);
        switch (random.nextInt(6)) {
            case 0 -> {
                // as it is
            }
            case 1, 2 -> text.insert(random.nextInt(text.length() + 1), BREAKERS[random.nextInt(BREAKERS.length)]);
            case 3 -> text.setLength(text.length() - 1 - random.nextInt(3));
            case 4 -> text.replace(text.length() - 2, text.length(), random.nextBoolean() ? "==" : "A=");
            default -> text.insert(text.length() - random.nextInt(8), BREAKERS[random.nextInt(BREAKERS.length)]);
        }
        return text.toString();
    }

    private static boolean isCanonical(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
