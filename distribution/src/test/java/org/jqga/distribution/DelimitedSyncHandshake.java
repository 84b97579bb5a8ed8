package org.jqga.distribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The robust client handshake of the protocol spec (§5) as a host talks to an agent behind a
 * virtio-serial port: the agent may not be up yet, and whatever was sent before it opened the port is
 * delivered late. So: about once a second, send 0xFF + guest-sync-delimited with a fresh random id;
 * skip everything up to a 0xFF; in sync when the delimited reply carries the newest id.
 */
final class DelimitedSyncHandshake {

    /**
     * Not faster: while the agent isn't reading, requests pile up in the socket buffer and the
     * agent answers every stale one once it starts.
     */
    private static final long RETRY_MILLIS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DelimitedSyncHandshake() {
    }

    /** Connects to {@code socket} and returns a client in sync with the agent, or fails after {@code patience}. */
    static QgaClient connect(Path socket, Duration patience, Runnable aliveCheck) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + patience.toMillis();
        QgaClient client = QgaClient.connect(socket, patience.toMillis(), aliveCheck);
        try {
            int attempts = 0;
            while (true) {
                aliveCheck.run();
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("no delimited guest-sync reply from the agent within " + patience + " ("
                            + attempts + " attempts)");
                }
                long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
                attempts++;
                client.send(delimitedSync(id));
                if (awaitDelimitedReply(client, id, aliveCheck)) {
                    return client;
                }
            }
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static byte[] delimitedSync(long id) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0xFF);
        bytes.writeBytes(("{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":" + id + "}}\n")
                .getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    /** Reads lines for up to one retry period; true when the delimited reply to {@code id} arrived. */
    private static boolean awaitDelimitedReply(QgaClient client, long id, Runnable aliveCheck) throws IOException {
        long until = System.currentTimeMillis() + RETRY_MILLIS;
        while (true) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            String line;
            try {
                line = client.readLine(left);
            } catch (IOException e) {
                aliveCheck.run();
                if (e.getMessage() != null && e.getMessage().startsWith("no reply")) {
                    return false; // just a quiet period: the agent is still starting
                }
                throw e;
            }
            // QgaClient decodes Latin-1, so the 0xFF sentinel is U+00FF; what precedes it is discarded
            int sentinel = line.lastIndexOf('\u00ff');
            if (sentinel >= 0 && returnsId(line.substring(sentinel + 1), id)) {
                return true;
            }
        }
    }

    private static boolean returnsId(String reply, long id) {
        try {
            JsonNode value = JSON.readTree(reply).path("return");
            return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() == id;
        } catch (JsonProcessingException e) {
            return false; // garbage before a later sentinel
        }
    }
}
