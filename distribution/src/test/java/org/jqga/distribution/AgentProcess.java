package org.jqga.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An agent started as a real process on a unix socket in a scratch directory: the built
 * distribution's bin/jqga, or Debian's qemu-ga for differential tests. Stopped by its own PID only.
 */
final class AgentProcess implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of(System.getProperty("jqga.distribution", "target/jqga"));
    static final Path JQGA = DISTRIBUTION.resolve("bin/jqga");
    static final Path QEMU_GA = Path.of("/usr/sbin/qemu-ga");

    private final Process process;
    private final Path directory;
    private final Path socket;
    private final Path log;

    private AgentProcess(Process process, Path directory, Path socket, Path log) {
        this.process = process;
        this.directory = directory;
        this.socket = socket;
        this.log = log;
    }

    static AgentProcess jqga(String... extraArguments) throws IOException {
        return start(JQGA, null, extraArguments);
    }

    /** The bin/jqga of another installation (a copy of the distribution with bundles added, say). */
    static AgentProcess jqgaInstalledAt(Path home, String... extraArguments) throws IOException {
        return start(home.resolve("bin/jqga"), null, extraArguments);
    }

    /** bin/jqga with JQGA_EXTRA_JAVA_OPTS, e.g. -D settings that have no option of their own. */
    static AgentProcess jqgaWithJavaOptions(String javaOptions, String... extraArguments) throws IOException {
        return start(JQGA, javaOptions, extraArguments);
    }

    /** jqga started by a shell that first sets the given umask, as a careless init system might. */
    static AgentProcess jqgaWithUmask(String umask, String... extraArguments) throws IOException {
        return jqgaFromShell("umask " + umask, extraArguments);
    }

    /** jqga exec'd by a shell that first runs {@code setup} (a umask, signals to ignore, ...). */
    static AgentProcess jqgaFromShell(String setup, String... extraArguments) throws IOException {
        return start(List.of("/bin/sh", "-c", setup + " && exec \"$0\" \"$@\"", JQGA.toString()),
                Files.createTempDirectory("jqga-e2e"), null, extraArguments);
    }

    static AgentProcess qemuGa(String... extraArguments) throws IOException {
        if (!Files.isExecutable(QEMU_GA)) {
            throw new IllegalStateException(QEMU_GA + " is missing: the test command installs Debian's qemu-guest-agent");
        }
        return start(QEMU_GA, null, extraArguments);
    }

    private static AgentProcess start(Path program, String javaOptions, String... extraArguments) throws IOException {
        return start(List.of(program.toString()), Files.createTempDirectory("jqga-e2e"), javaOptions, extraArguments);
    }

    /** Starts jqga again on this agent's socket and state directory (after {@link #kill()}, say): a restart. */
    AgentProcess restart(String... extraArguments) throws IOException {
        return start(List.of(JQGA.toString()), directory, null, extraArguments);
    }

    private static AgentProcess start(List<String> program, Path directory, String javaOptions, String... extraArguments)
            throws IOException {
        Path socket = directory.resolve("agent.sock");
        Path state = Files.createDirectories(directory.resolve("state"));
        Path log = directory.resolve("agent.out");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of("-m", "unix-listen", "-p", socket.toString(), "-t", state.toString()));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // no config file of the machine's may change what the test expects
        builder.environment().put("QGA_CONF", directory.resolve("absent.conf").toString());
        if (javaOptions != null) {
            builder.environment().put("JQGA_EXTRA_JAVA_OPTS", javaOptions);
        }
        return new AgentProcess(builder.start(), directory, socket, log);
    }

    QgaClient connect() throws IOException, InterruptedException {
        return QgaClient.connect(socket, 120_000, this::checkAlive);
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("agent exited with " + process.exitValue() + ":\n" + output());
        }
    }

    Path directory() {
        return directory;
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGKILL: the agent gets no chance to tidy up, as in a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then the exit status (SIGKILL after 20 s). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            terminate();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
