package org.jqga.transport.virtio.internal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The serial-line channel on a pty pair (a pty accepts the same termios settings as a serial port). */
class IsaSerialChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final LineEchoEngine engine = new LineEchoEngine();

    @Test
    void setsTheLineUpDiscardsStaleInputAndServes() throws Exception {
        try (PtyPair pty = PtyPair.start(null);
                FileChannel host = FileChannel.open(pty.hostSide, WRITE);
                FileChannel hostIn = FileChannel.open(pty.hostSide, READ)) {
            LineReader replies = new LineReader(hostIn, "test-host-reader");
            VirtioSerialChannelTest.write(host, "stale request sent before the agent started\n");
            Thread.sleep(300);

            IsaSerialChannel channel = new IsaSerialChannel(pty.agentSide, engine);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread serving = VirtioSerialChannelTest.serveOnThread(channel, failure);
            waitUntil(() -> engine.sessionsOpened() == 1);

            String settings = stty(pty.agentSide, "-a");
            assertTrue(settings.contains("speed 38400 baud"), settings);
            assertTrue(settings.contains("min = 1") && settings.contains("time = 0"), settings);
            assertTrue(settings.contains("-echo ") && settings.contains("-icanon") && settings.contains("-ixon")
                    && settings.contains("-crtscts"), settings);

            VirtioSerialChannelTest.write(host, "guest-ping\n");
            assertEquals("session 1: guest-ping", replies.next(WAIT), "the stale request must have been discarded");
            VirtioSerialChannelTest.write(host, "guest-info\n");
            assertEquals("session 1: guest-info", replies.next(WAIT));

            channel.close();
            serving.join(WAIT.toMillis());
            assertFalse(serving.isAlive(), "close() must end serve()");
            assertNull(failure.get(), "close() is not a failure");
        }
    }

    @Test
    void endsTheChannelAtEof() throws Exception {
        try (PtyPair pty = PtyPair.start(null);
                FileChannel host = FileChannel.open(pty.hostSide, WRITE);
                FileChannel hostIn = FileChannel.open(pty.hostSide, READ)) {
            LineReader replies = new LineReader(hostIn, "test-host-reader");
            IsaSerialChannel channel = new IsaSerialChannel(pty.agentSide, engine);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread serving = VirtioSerialChannelTest.serveOnThread(channel, failure);
            waitUntil(() -> engine.sessionsOpened() == 1);
            VirtioSerialChannelTest.write(host, "guest-ping\n");
            assertEquals("session 1: guest-ping", replies.next(WAIT));

            // with VMIN=0 an idle tty read returns 0 bytes: the EOF a hung-up serial line gives
            // (a read already blocked keeps waiting for one byte, so one more request wakes it)
            stty(pty.agentSide, "min", "0");
            VirtioSerialChannelTest.write(host, "last\n");
            assertEquals("session 1: last", replies.next(WAIT));
            serving.join(WAIT.toMillis());
            assertFalse(serving.isAlive(), "EOF must end the channel");
            assertNull(failure.get(), "EOF is not a failure: the agent idles without a channel");
        }
    }

    @Test
    void reportsAnIoErrorAsAFailure() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread serving;
        try (PtyPair pty = PtyPair.start(null)) {
            serving = VirtioSerialChannelTest.serveOnThread(new IsaSerialChannel(pty.agentSide, engine), failure);
            waitUntil(() -> engine.sessionsOpened() == 1);
        }
        // socat has closed the pty master: reads on the agent side fail with EIO
        serving.join(WAIT.toMillis());
        assertFalse(serving.isAlive());
        assertTrue(failure.get() instanceof IOException, String.valueOf(failure.get()));
    }

    private static String stty(Path tty, String... arguments) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("stty", "-F", tty.toString()));
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset());
        process.waitFor();
        return output;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
