package org.jqga.transport.virtio.internal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host side is opened twice, for reading and for writing: a FileChannel serialises its reads
 * and writes on one lock, so a write would wait for a blocked read.
 *
 * <p>Runs the virtio-serial loop on a pty set to VMIN=0/VTIME=0: like a virtio port without a host,
 * its reads return 0 bytes (EOF to Java) while nothing was sent.
 */
class VirtioSerialChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final LineEchoEngine engine = new LineEchoEngine();

    @Test
    void keepsPollingThroughEofAndServesOneSessionAcrossRequests() throws Exception {
        try (PtyPair pty = PtyPair.start(null)) {
            pty.agentSideReadsReturnEofWhenIdle();
            VirtioSerialChannel channel = new VirtioSerialChannel(pty.agentSide, engine);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread serving = serveOnThread(channel, failure);
            try (FileChannel host = FileChannel.open(pty.hostSide, WRITE);
                    FileChannel hostIn = FileChannel.open(pty.hostSide, READ)) {
                LineReader replies = new LineReader(hostIn, "test-host-reader");

                Thread.sleep(1000);
                long polls = channel.noHostPolls();
                // sleeping 100 ms per EOF: about 10 polls a second, neither zero nor a busy loop
                assertTrue(polls >= 3 && polls <= 15, "EOF polls in 1 s: " + polls);
                assertTrue(serving.isAlive(), "EOF must not end the channel");

                write(host, "guest-sync\n");
                assertEquals("session 1: guest-sync", replies.next(WAIT));
                Thread.sleep(300);
                write(host, "guest-ping\n");
                assertEquals("session 1: guest-ping", replies.next(WAIT));
                assertEquals(1, engine.sessionsOpened(), "one session for the channel's lifetime");

                channel.close();
                serving.join(WAIT.toMillis());
                assertFalse(serving.isAlive(), "close() must end serve()");
                assertNull(failure.get(), "close() is not a failure");
            }
        }
    }

    @Test
    void waitsForAMissingPortWithRetryPath() throws Exception {
        Path port = dir.resolve("org.qemu.guest_agent.0");
        VirtioSerialChannel channel = new VirtioSerialChannel(port, engine);
        CountDownLatch agentStopped = new CountDownLatch(1);
        ChannelSupervisor supervisor = new ChannelSupervisor(channel, "virtio-serial channel " + port, true,
                Duration.ofMillis(200), agentStopped::countDown);
        Thread running = new Thread(supervisor, "test-supervisor");
        running.start();
        try {
            Thread.sleep(500);
            try (PtyPair pty = PtyPair.start(port);
                    FileChannel host = FileChannel.open(pty.hostSide, WRITE);
                    FileChannel hostIn = FileChannel.open(pty.hostSide, READ)) {
                LineReader replies = new LineReader(hostIn, "test-host-reader");
                write(host, "guest-ping\n");
                assertEquals("session 1: guest-ping", replies.next(WAIT));
                assertEquals(1, agentStopped.getCount(), "retry-path must not stop the agent");
                supervisor.close();
                running.join(WAIT.toMillis());
                assertFalse(running.isAlive());
            }
        } finally {
            supervisor.close();
        }
    }

    @Test
    void stopsTheAgentForAMissingPortWithoutRetryPath() throws Exception {
        Path port = dir.resolve("org.qemu.guest_agent.0");
        CountDownLatch agentStopped = new CountDownLatch(1);
        ChannelSupervisor supervisor = new ChannelSupervisor(new VirtioSerialChannel(port, engine),
                "virtio-serial channel " + port, false, Duration.ofMillis(200), agentStopped::countDown);
        Thread running = new Thread(supervisor, "test-supervisor");
        running.start();
        assertTrue(agentStopped.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        running.join(WAIT.toMillis());
        assertFalse(running.isAlive());
        assertFalse(Files.exists(port), "opening must not create a file where the device is missing");
    }

    static Thread serveOnThread(Channel channel, AtomicReference<Throwable> failure) {
        Thread serving = new Thread(() -> {
            try {
                channel.serve();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-channel");
        serving.start();
        return serving;
    }

    static void write(FileChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
