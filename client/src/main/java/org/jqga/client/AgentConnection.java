package org.jqga.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One conversation with an agent over a unix socket. It starts with the protocol's robust handshake: 0xFF (which
 * makes the agent's parser drop any half request) and guest-sync-delimited with a random id; the reply comes
 * after a 0xFF of the agent's, and everything before that byte, such as replies a previous client left unread
 * in a virtio-serial port, is thrown away. Only then are requests sent, one at a time.
 */
final class AgentConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELIMITER = 0xFF;

    private final SocketChannel channel;
    private final Selector selector;
    private final Duration timeout;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private AgentConnection(SocketChannel channel, Duration timeout) throws IOException {
        this.channel = channel;
        this.timeout = timeout;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** Connects and synchronises; the agent is then ready for {@link #execute}. */
    static AgentConnection open(Path socket, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + socket + ": " + e.getMessage(), e);
        }
        AgentConnection connection = new AgentConnection(channel, timeout);
        try {
            connection.synchronise();
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Runs {@code command}; returns its "return" value. */
    JsonNode execute(String command, ObjectNode arguments) throws IOException, AgentError {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (arguments != null && !arguments.isEmpty()) {
            request.set("arguments", arguments);
        }
        return returnOf(exchange(JSON.writeValueAsString(request)));
    }

    /** Sends {@code request} as it is and returns the whole reply. */
    JsonNode exchange(String request) throws IOException {
        send((request.strip() + "\n").getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(readLine());
    }

    static JsonNode returnOf(JsonNode reply) throws AgentError {
        JsonNode error = reply.get("error");
        if (error != null) {
            throw new AgentError(error.path("class").asText("GenericError"), error.path("desc").asText(""));
        }
        return reply.path("return");
    }

    private void synchronise() throws IOException {
        long id = ThreadLocalRandom.current().nextLong(1, 1L << 53);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(DELIMITER);
        request.writeBytes(("{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":" + id + "}}\n")
                .getBytes(StandardCharsets.US_ASCII));
        send(request.toByteArray());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            skipToDelimiter(deadline);
            String line = readLine(deadline);
            try {
                JsonNode reply = JSON.readTree(line);
                if (reply.path("return").isIntegralNumber() && reply.path("return").asLong() == id) {
                    return;
                }
            } catch (IOException e) {
                // garbage between a stale delimiter and the next one
            }
        }
    }

    private void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the agent does not take the request (timeout " + timeout.toSeconds() + " s)");
                }
                sleepBriefly();
            }
        }
    }

    private String readLine() throws IOException {
        return readLine(System.nanoTime() + timeout.toNanos());
    }

    private String readLine(long deadline) throws IOException {
        while (true) {
            byte[] bytes = pending.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    pending.reset();
                    pending.write(bytes, i + 1, bytes.length - i - 1);
                    return new String(bytes, 0, i, StandardCharsets.UTF_8);
                }
            }
            fill(deadline);
        }
    }

    private void skipToDelimiter(long deadline) throws IOException {
        while (true) {
            byte[] bytes = pending.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if ((bytes[i] & 0xFF) == DELIMITER) {
                    pending.reset();
                    pending.write(bytes, i + 1, bytes.length - i - 1);
                    return;
                }
            }
            pending.reset();
            fill(deadline);
        }
    }

    private void fill(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("no reply from the agent within " + timeout.toSeconds() + " s");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int n = channel.read(buffer);
        if (n < 0) {
            throw new IOException("the agent closed the connection");
        }
        pending.write(buffer.array(), 0, n);
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
