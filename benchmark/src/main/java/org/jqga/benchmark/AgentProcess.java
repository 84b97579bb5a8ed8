package org.jqga.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A started agent. Its working directory holds the socket, the state directory and the agent's output; keeping
 * the directory and starting again is a second start (jqga finds its bundle cache there).
 */
final class AgentProcess implements AutoCloseable {

    static final String PING = "{\"execute\":\"guest-ping\"}";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final AgentKind kind;
    private final Process process;
    private final Path socket;
    private final long spawnedAtNanos;

    private AgentProcess(AgentKind kind, Process process, Path socket, long spawnedAtNanos) {
        this.kind = kind;
        this.process = process;
        this.socket = socket;
        this.spawnedAtNanos = spawnedAtNanos;
    }

    static AgentProcess start(AgentKind kind, Path workDirectory) throws IOException {
        Path statedir = Files.createDirectories(workDirectory.resolve("state"));
        Path socket = workDirectory.resolve("agent.sock");
        Files.deleteIfExists(socket);
        ProcessBuilder builder = new ProcessBuilder(kind.command(socket, statedir))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDirectory.resolve("agent.log").toFile()));
        builder.environment().putAll(kind.environment());
        long spawnedAt = System.nanoTime();
        return new AgentProcess(kind, builder.start(), socket, spawnedAt);
    }

    /**
     * Connects as soon as the socket accepts and sends guest-ping until the first answer.
     *
     * @return the connection that got the answer, for further requests
     */
    QgaConnection awaitFirstAnswer() throws IOException, InterruptedException {
        long deadline = spawnedAtNanos + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind.name() + " exited with status " + process.exitValue()
                        + " before answering; see " + socket.resolveSibling("agent.log"));
            }
            QgaConnection connection = QgaConnection.tryConnect(socket);
            if (connection == null) {
                Thread.sleep(0, 500_000);
                continue;
            }
            String reply = connection.request(PING);
            if (!reply.contains("\"return\"")) {
                connection.close();
                throw new IOException(kind.name() + " answered guest-ping with " + reply);
            }
            return connection;
        }
        throw new IOException(kind.name() + " did not answer within " + START_TIMEOUT.toSeconds() + " s");
    }

    long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    long pid() {
        return process.pid();
    }

    Path socket() {
        return socket;
    }

    AgentKind kind() {
        return kind;
    }

    /**
     * SIGTERM, as a service manager would stop it; SIGKILL after 3 s. jqga ends in about 0.1 s; qemu-ga 7.2 let a
     * SIGTERM go unanswered in about one start in four here, and the wait is not a figure.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            Progress.say(kind.name() + " (pid " + process.pid() + ") still ran " + STOP_GRACE.toSeconds()
                    + " s after SIGTERM: killed");
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
