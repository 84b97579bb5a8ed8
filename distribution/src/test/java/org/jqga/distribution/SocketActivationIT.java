package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd socket activation end to end: bin/jqga started by systemd-socket-activate (the real sd_listen_fds
 * protocol: LISTEN_PID, LISTEN_FDS, the socket as fd 3), and, for vsock, which systemd-socket-activate would
 * only exec on a connection this machine cannot make, by a python3 harness that does what it does.
 */
class SocketActivationIT {

    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

    @TempDir
    Path dir;

    private Process agent;

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void servesTheUnixSocketSystemdPassedAndIgnoresMethodAndPath() throws Exception {
        Path socket = dir.resolve("activated.sock");
        Path ignored = dir.resolve("ignored.sock");
        agent = start(List.of(ACTIVATE.toString(), "-l", socket.toString(), AgentProcess.JQGA.toString(),
                "-m", "unix-listen", "-p", ignored.toString(), "-t", state().toString(), "-v"));
        awaitFile(socket);
        try (QgaClient client = DelimitedSyncHandshake.connect(socket, Duration.ofSeconds(120), this::checkAlive)) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
        }
        // a client that leaves with a reply unread (ECONNRESET on the agent's side) costs nothing
        try (SocketChannel rude = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            rude.connect(UnixDomainSocketAddress.of(socket));
            rude.write(ByteBuffer.wrap("{\"execute\":\"guest-info\"}".getBytes(StandardCharsets.UTF_8)));
            Thread.sleep(500);
        }
        try (QgaClient client = QgaClient.connect(socket, 10_000, this::checkAlive)) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
        }
        assertFalse(Files.exists(ignored), "-p must be ignored under socket activation");
        assertTrue(output().contains("socket activation"), output());
    }

    @Test
    void refusesMoreThanOneSocketWithExitStatusOne() throws Exception {
        Path first = dir.resolve("first.sock");
        Path second = dir.resolve("second.sock");
        agent = start(List.of(ACTIVATE.toString(), "-l", first.toString(), "-l", second.toString(),
                AgentProcess.JQGA.toString(), "-t", state().toString()));
        awaitFile(first);
        // systemd-socket-activate starts the program on the first connection
        try (SocketChannel trigger = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            trigger.connect(UnixDomainSocketAddress.of(first));
            assertTrue(agent.waitFor(120, TimeUnit.SECONDS), "the agent must exit");
        }
        assertEquals(1, agent.exitValue(), output());
        assertTrue(output().contains("only supports listening on one socket"), output());
    }

    @Test
    void adoptsAVsockSocketSystemdPassed() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        // bind the port, make it fd 3, set LISTEN_FDS and LISTEN_PID (exec keeps the pid) and become bin/jqga
        String harness = String.join("\n",
                "import os, socket, sys",
                "s = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)",
                "s.bind((socket.VMADDR_CID_ANY, int(sys.argv[1])))",
                "s.listen(1)",
                "if s.fileno() != 3: os.dup2(s.fileno(), 3)",
                // python opens sockets close-on-exec
                "os.set_inheritable(3, True)",
                "os.environ['LISTEN_FDS'] = '1'",
                "os.environ['LISTEN_PID'] = str(os.getpid())",
                "os.execv(sys.argv[2], sys.argv[2:])");
        agent = start(List.of("python3", "-c", harness, Integer.toString(port), AgentProcess.JQGA.toString(),
                "-m", "unix-listen", "-p", dir.resolve("ignored.sock").toString(), "-t", state().toString(), "-v"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!output().contains("listening on vsock-listen channel") && System.nanoTime() < deadline) {
            checkAlive();
            Thread.sleep(100);
        }
        assertTrue(output().contains("socket activation: serving the vsock-listen socket systemd passed"), output());
        assertTrue(output().contains("listening on vsock-listen channel"), output());
        assertTrue(agent.isAlive());
        assertFalse(Files.exists(dir.resolve("ignored.sock")));
    }

    private Process start(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.out").toFile());
        builder.environment().put("QGA_CONF", dir.resolve("absent.conf").toString());
        builder.environment().remove("LISTEN_FDS");
        builder.environment().remove("LISTEN_PID");
        return builder.start();
    }

    private Path state() throws IOException {
        return Files.createDirectories(dir.resolve("state"));
    }

    private void awaitFile(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(path) && System.nanoTime() < deadline) {
            checkAlive();
            Thread.sleep(20);
        }
        assertTrue(Files.exists(path), path + " never appeared: " + output());
    }

    private void checkAlive() {
        if (!agent.isAlive()) {
            throw new IllegalStateException("agent exited with " + agent.exitValue() + ":\n" + output());
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("agent.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
