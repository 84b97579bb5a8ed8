package org.jqga.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The host side of the protocol over a unix socket, byte-exact: requests are raw bytes, replies are
 * read as lines (Latin-1, so a 0xFF delimiter shows as U+00FF), each with a deadline.
 */
final class QgaClient implements AutoCloseable {

    private static final long REPLY_TIMEOUT_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private QgaClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    static QgaClient connect(Path socket, long timeoutMillis, Runnable aliveCheck) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            aliveCheck.run();
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return new QgaClient(channel);
            } catch (IOException e) {
                channel.close();
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("agent socket " + socket + " not accepting: " + e.getMessage(), e);
                }
                Thread.sleep(25);
            }
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Runs a command without arguments and returns its reply as JSON. */
    JsonNode execute(String command) throws IOException {
        return JSON.readTree(request("{\"execute\":\"" + command + "\"}"));
    }

    /** The {@code return} member of a command's reply; fails the test when the command failed. */
    JsonNode returned(String command) throws IOException {
        JsonNode reply = execute(command);
        org.junit.jupiter.api.Assertions.assertTrue(reply.has("return"), command + " failed: " + reply);
        return reply.get("return");
    }

    /** Sends one request and returns the next reply line. */
    String request(String json) throws IOException {
        send(json);
        return readLine();
    }

    String readLine() throws IOException {
        return readLine(REPLY_TIMEOUT_MS);
    }

    String readLine(long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            String line = takeLine();
            if (line != null) {
                return line;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IOException("no reply within " + timeoutMillis + " ms; pending: " + pending.toString(StandardCharsets.ISO_8859_1));
            }
            selector.select(left);
            selector.selectedKeys().clear();
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("agent closed the connection; pending: " + pending.toString(StandardCharsets.ISO_8859_1));
            }
            pending.write(buffer.array(), 0, n);
        }
    }

    /** Waits for the first {@code count} bytes of what the agent sends, for a client that leaves mid-reply. */
    void readBytes(int count) throws IOException {
        long deadline = System.currentTimeMillis() + REPLY_TIMEOUT_MS;
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (pending.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IOException("fewer than " + count + " bytes within " + REPLY_TIMEOUT_MS + " ms");
            }
            selector.select(left);
            selector.selectedKeys().clear();
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("agent closed the connection");
            }
            pending.write(buffer.array(), 0, n);
        }
    }

    /** True if nothing arrives within the given time (for no-reply commands). */
    boolean silentFor(long millis) throws IOException {
        if (pending.size() > 0) {
            return false;
        }
        selector.select(millis);
        selector.selectedKeys().clear();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int n = channel.read(buffer);
        if (n > 0) {
            pending.write(buffer.array(), 0, n);
            return false;
        }
        return true;
    }

    private String takeLine() {
        byte[] bytes = pending.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                pending.reset();
                pending.write(bytes, i + 1, bytes.length - i - 1);
                return new String(bytes, 0, i, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
