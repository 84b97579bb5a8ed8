package org.jqga.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handshake against a scripted agent that has stale replies queued, as a virtio-serial port can have. */
class AgentConnectionTest {

    private static final Pattern SYNC_ID = Pattern.compile("\"id\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void skipsStaleBytesUntilItsOwnDelimitedReply() throws Exception {
        Path socket = dir.resolve("agent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread agent = new Thread(() -> scriptedAgent(server));
            agent.start();
            try (AgentConnection connection = AgentConnection.open(socket, Duration.ofSeconds(10))) {
                assertEquals("{}", connection.execute("guest-ping", null).toString());
                AgentError error = assertThrows(AgentError.class, () -> connection.execute("guest-nope", null));
                assertEquals("CommandNotFound", error.errorClass());
                assertEquals("The command guest-nope has not been found", error.getMessage());
            }
            agent.join(10_000);
        }
    }

    @Test
    void givesUpWhenTheAgentStaysSilent() throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            IOException e = assertThrows(IOException.class, () -> AgentConnection.open(socket, Duration.ofSeconds(1)));
            assertEquals("no reply from the agent within 1 s", e.getMessage());
        }
    }

    private static void scriptedAgent(ServerSocketChannel server) {
        try (SocketChannel client = server.accept()) {
            String sync = readUntilNewline(client);
            Matcher id = SYNC_ID.matcher(sync);
            if (!id.find()) {
                throw new IllegalStateException("no guest-sync-delimited: " + sync);
            }
            // a stale reply, a stale delimited reply with another id, garbage, then the real one
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            reply.writeBytes("{\"return\": {}}\n".getBytes(StandardCharsets.US_ASCII));
            reply.write(0xFF);
            reply.writeBytes("{\"return\": 42}\n{\"ret".getBytes(StandardCharsets.US_ASCII));
            reply.write(0xFF);
            reply.writeBytes(("{\"return\": " + id.group(1) + "}\n").getBytes(StandardCharsets.US_ASCII));
            client.write(ByteBuffer.wrap(reply.toByteArray()));
            readUntilNewline(client);
            client.write(ByteBuffer.wrap("{\"return\": {}}\n".getBytes(StandardCharsets.US_ASCII)));
            readUntilNewline(client);
            client.write(ByteBuffer.wrap(("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
                    + "\"The command guest-nope has not been found\"}}\n").getBytes(StandardCharsets.US_ASCII)));
            readUntilNewline(client);
        } catch (IOException e) {
            // the client closed: done
        }
    }

    private static String readUntilNewline(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (client.read(one) < 0) {
                throw new IOException("closed");
            }
            if (one.get(0) == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(one.get(0));
        }
    }
}
