package org.jqga.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A host-side client on the agent's unix socket: one request out, one reply line back. */
final class AgentClient implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private AgentClient(SocketChannel channel) {
        this.channel = channel;
    }

    static AgentClient connect(Path socket, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return new AgentClient(channel);
            } catch (IOException e) {
                channel.close();
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    String request(String json) throws IOException {
        channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
        return readLine();
    }

    String readLine() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (true) {
            byte[] bytes = pending.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    pending.reset();
                    pending.write(bytes, i + 1, bytes.length - i - 1);
                    return new String(bytes, 0, i, StandardCharsets.ISO_8859_1);
                }
            }
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("agent closed the connection");
            }
            pending.write(buffer.array(), 0, buffer.position());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
