package org.jqga.transport.virtio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixListenChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final LineEchoEngine engine = new LineEchoEngine();
    private final AtomicReference<Throwable> serveFailure = new AtomicReference<>();
    private UnixListenChannel channel;
    private Thread serving;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (channel != null) {
            channel.close();
            serving.join(WAIT.toMillis());
        }
    }

    @Test
    void answersARequest() throws Exception {
        Path socket = startServer();
        try (Client client = new Client(socket)) {
            client.send("guest-ping");
            assertEquals("session 1: guest-ping", client.next());
        }
    }

    @Test
    void joinsRequestsSplitAcrossWritesAndLargerThanOneReadChunk() throws Exception {
        Path socket = startServer();
        String big = "x".repeat(200_000);
        try (Client client = new Client(socket)) {
            client.sendRaw("gue");
            Thread.sleep(50);
            client.sendRaw("st-ping\nsec");
            Thread.sleep(50);
            client.sendRaw("ond\n" + big + "\n");
            assertEquals("session 1: guest-ping", client.next());
            assertEquals("session 1: second", client.next());
            assertEquals("session 1: " + big, client.next());
        }
    }

    @Test
    void givesEachClientAFreshSession() throws Exception {
        Path socket = startServer();
        try (Client first = new Client(socket)) {
            first.send("one");
            assertEquals("session 1: one", first.next());
            first.sendRaw("dangling partial request");
        }
        try (Client second = new Client(socket)) {
            second.send("two");
            assertEquals("session 2: two", second.next(), "the first client's partial input must not leak");
        }
    }

    @Test
    void servesTheNextClientOnlyWhenTheFirstLeaves() throws Exception {
        Path socket = startServer();
        Client first = new Client(socket);
        first.send("first");
        assertEquals("session 1: first", first.next());
        try (Client second = new Client(socket)) {
            second.send("second");
            assertNull(second.next(Duration.ofMillis(500)), "second client must wait while the first is connected");
            first.send("still first");
            assertEquals("session 1: still first", first.next());
            first.close();
            assertEquals("session 2: second", second.next());
        }
    }

    @Test
    void survivesAClientThatLeavesWithItsReplyUnread() throws Exception {
        Path socket = startServer();
        try (SocketChannel rude = connect(socket)) {
            rude.write(ByteBuffer.wrap("guest-ping\n".getBytes(StandardCharsets.UTF_8)));
            // the reply now sits unread in rude's receive queue: closing makes the server's read fail with ECONNRESET
            assertEquals("session 1: guest-ping", engine.answered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        try (Client next = new Client(socket)) {
            next.send("after reset");
            assertEquals("session 2: after reset", next.next());
        }
        assertTrue(serving.isAlive());
        assertNull(serveFailure.get());
    }

    @Test
    void deliversRepliesAfterAHalfClose() throws Exception {
        Path socket = startServer();
        try (Client client = new Client(socket)) {
            client.send("one");
            client.send("two");
            client.channel.shutdownOutput();
            assertEquals("session 1: one", client.next());
            assertEquals("session 1: two", client.next());
            assertEquals(LineReader.EOF, client.next(), "the server closes after the replies");
        }
        try (Client next = new Client(socket)) {
            next.send("three");
            assertEquals("session 2: three", next.next());
        }
    }

    @Test
    void closeUnblocksAcceptAndRemovesTheSocketFile() throws Exception {
        Path socket = startServer();
        connect(socket).close(); // the server is now in accept()
        channel.close();
        serving.join(WAIT.toMillis());
        assertFalse(serving.isAlive(), "serve() must return after close()");
        assertNull(serveFailure.get(), "close() is not a failure");
        assertFalse(Files.exists(socket), "socket file must be removed");
        channel = null;
    }

    @Test
    void closeBeforeServingMakesServeReturnWithoutBinding() throws Exception {
        Path socket = dir.resolve("qga.sock");
        UnixListenChannel closed = new UnixListenChannel(socket, engine);
        closed.close();
        closed.serve();
        assertFalse(Files.exists(socket));
    }

    @Test
    void closeDropsTheConnectedClientAndThePathCanBeBoundAgain() throws Exception {
        Path socket = startServer();
        try (Client client = new Client(socket)) {
            client.send("hello");
            assertEquals("session 1: hello", client.next());
            channel.close();
            serving.join(WAIT.toMillis());
            assertFalse(serving.isAlive());
            assertEquals(LineReader.EOF, client.next());
        }
        startServer();
        try (Client client = new Client(socket)) {
            client.send("again");
            assertEquals("session 2: again", client.next());
        }
    }

    @Test
    void replacesAStaleFileAtThePath() throws Exception {
        Path socket = dir.resolve("qga.sock");
        Files.writeString(socket, "stale");
        startServer();
        try (Client client = new Client(socket)) {
            client.send("ping");
            assertEquals("session 1: ping", client.next());
        }
    }

    @Test
    void namesTheMissingDirectory() {
        Path socket = dir.resolve("no-such-dir/qga.sock");
        IOException e = assertThrows(IOException.class, () -> new UnixListenChannel(socket, engine).serve());
        assertTrue(e.getMessage().contains(dir.resolve("no-such-dir") + " does not exist"), e.getMessage());
    }

    private Path startServer() throws InterruptedException {
        Path socket = dir.resolve("qga.sock");
        channel = new UnixListenChannel(socket, engine);
        UnixListenChannel serve = channel;
        serving = new Thread(() -> {
            try {
                serve.serve();
            } catch (Throwable t) {
                serveFailure.set(t);
            }
        }, "test-unix-listen");
        serving.start();
        return socket;
    }

    /** Connects, retrying while the server is still between start and listen. */
    private static SocketChannel connect(Path socket) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                client.connect(UnixDomainSocketAddress.of(socket));
                return client;
            } catch (IOException e) {
                client.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static final class Client implements AutoCloseable {
        final SocketChannel channel;
        private final LineReader replies;

        Client(Path socket) throws IOException, InterruptedException {
            channel = connect(socket);
            replies = new LineReader(channel, "test-client-reader");
        }

        void send(String request) throws IOException {
            sendRaw(request + "\n");
        }

        void sendRaw(String bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        String next() throws InterruptedException {
            return next(WAIT);
        }

        String next(Duration timeout) throws InterruptedException {
            return replies.next(timeout);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
