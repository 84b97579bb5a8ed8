package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Large writes and reads through the real agent, the way a host copies files: the engine decodes each write's data
 * into an array it lends and takes back, and reads borrow from the same arrays. Whatever the sizes and their order,
 * and with requests sent back to back, every byte must land where the host sent it.
 */
class FileTransferIT {

    private static final Random RANDOM = new Random(42);

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String write(long handle, byte[] data, Long count) {
        return "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + handle + ",\"buf-b64\":\""
                + Base64.getEncoder().encodeToString(data) + "\"" + (count == null ? "" : ",\"count\":" + count) + "}}";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode returned(QgaClient client, String request) throws Exception {
        JsonNode reply = JSON.readTree(client.request(request));
        assertTrue(reply.has("return"), () -> "failed: " + reply);
        return reply.get("return");
    }

    private static long open(QgaClient client, Path file, String mode) throws Exception {
        return returned(client, "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file + "\",\"mode\":\""
                + mode + "\"}}").asLong();
    }

    private static byte[] readAll(QgaClient client, Path file, int chunk) throws Exception {
        long handle = open(client, file, "r");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            JsonNode read = returned(client, "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle
                    + ",\"count\":" + chunk + "}}");
            all.writeBytes(Base64.getDecoder().decode(read.get("buf-b64").asText()));
            if (read.get("eof").asBoolean()) {
                break;
            }
        }
        returned(client, "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
        return all.toByteArray();
    }

    @Test
    void largeWritesOfMixedSizesInterleavedWithReadsAndPipelinedLandByteForByte() throws Exception {
        try (AgentProcess agent = AgentProcess.jqga();
             QgaClient client = agent.connect()) {
            Path file = agent.directory().resolve("transfer.bin");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            long handle = open(client, file, "w+");
            // shrinking and growing sizes, a count below the data, reads of what is there in between: every write
            // after the first gets an array an earlier request used, longer than its data or just as long
            int[] sizes = {4 << 20, (1 << 20) + 1, 4 << 20, 3 << 20, 65_537};
            for (int i = 0; i < sizes.length; i++) {
                byte[] data = random(sizes[i]);
                Long count = i == 2 ? (long) (sizes[i] - 12_345) : null;
                JsonNode written = returned(client, write(handle, data, count));
                int landed = count == null ? data.length : count.intValue();
                assertEquals(landed, written.get("count").asInt(), "write " + i);
                expected.write(data, 0, landed);
                if (i % 2 == 1) {
                    assertArrayEquals(expected.toByteArray(), readAll(client, file, 4 << 20), "after write " + i);
                }
            }
            // two large writes sent back to back, the replies read only then
            byte[] first = random(2 << 20);
            byte[] second = random((2 << 20) + 3);
            client.send(write(handle, first, null) + write(handle, second, null));
            assertEquals("{\"return\": {\"count\": " + first.length + ", \"eof\": false}}", client.readLine());
            assertEquals("{\"return\": {\"count\": " + second.length + ", \"eof\": false}}", client.readLine());
            expected.writeBytes(first);
            expected.writeBytes(second);
            returned(client, "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");

            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file), "the file on disk");
            assertArrayEquals(expected.toByteArray(), readAll(client, file, 4 << 20), "read back in 4 MiB chunks");
            assertArrayEquals(expected.toByteArray(), readAll(client, file, 1_000_000), "and in uneven chunks");
        }
    }
}
