package org.jqga.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away QEMU guest started by the team's shared {@code boot-test-vm} script (see
 * ../shared/vm/README.md next to the repository): the guest runs a command from the host's own root
 * filesystem (exported read-only), and the host end of its virtio-serial port is {@link #agentSocket()}.
 * The VM is identified and stopped by its RUN_DIR only, never by process name.
 */
final class TestVm implements AutoCloseable {

    /** Where the guest agent's virtio-serial port appears inside the guest (the script's default port name). */
    static final String GUEST_PORT = "/dev/virtio-ports/org.qemu.guest_agent.0";
    /** The bus of the script's virtio-serial controller, where its agent port sits. */
    static final String SERIAL_BUS = "vser0.0";

    private final Path script;
    private final Path runDir;

    private TestVm(Path script, Path runDir) {
        this.script = script;
        this.runDir = runDir;
    }

    /** The distribution's bin/jqga, which the guest runs from the host's root as it is; fails when it is not built. */
    static Path builtJqga() {
        Path jqga = AgentProcess.JQGA.toAbsolutePath().normalize();
        if (!Files.isExecutable(jqga)) {
            throw new IllegalStateException("the distribution is not built: " + jqga + " is missing");
        }
        return jqga;
    }

    /**
     * The script lives beside the repository: {@code <repository>/../shared/vm/boot-test-vm}, the repository
     * being three levels above the distribution ({@code distribution/target/jqga}). A clean clone made elsewhere
     * (CI's {@code git clone . /tmp/ci-check}) finds it beside the repository it was cloned from.
     * {@code JQGA_BOOT_TEST_VM} names it outright.
     */
    static Path locateScript() {
        Path repositoryRoot = AgentProcess.DISTRIBUTION.toAbsolutePath().normalize().getParent().getParent().getParent();
        List<Path> candidates = new ArrayList<>();
        String named = System.getenv("JQGA_BOOT_TEST_VM");
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        candidates.add(repositoryRoot.resolveSibling("shared/vm/boot-test-vm"));
        Path origin = localOrigin(repositoryRoot);
        if (origin != null) {
            candidates.add(origin.resolveSibling("shared/vm/boot-test-vm"));
        }
        for (Path script : candidates) {
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new IllegalStateException("boot-test-vm not found or not executable at any of " + candidates
                + " (expected at <repository>/../shared/vm/boot-test-vm; the VM test needs it and is never skipped)");
    }

    /** The repository this one was cloned from, when that is a directory on this machine. */
    private static Path localOrigin(Path repositoryRoot) {
        try {
            Process git = new ProcessBuilder("git", "-C", repositoryRoot.toString(), "remote", "get-url", "origin")
                    .redirectErrorStream(true).start();
            String url = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (git.waitFor() != 0 || url.isEmpty()) {
                return null;
            }
            Path path = Path.of(url.startsWith("file://") ? url.substring("file://".length()) : url);
            return path.isAbsolute() && Files.isDirectory(path) ? path.normalize() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Boots a VM that runs {@code guestCommand} (shell code) with {@code environment} exported, and
     * returns once the guest is about to run the command. On failure the VM is stopped before throwing.
     */
    static TestVm boot(Path script, String guestCommand, Map<String, String> environment, Duration readyWithin)
            throws IOException, InterruptedException {
        return boot(script, guestCommand, environment, List.of(), readyWithin);
    }

    /**
     * As {@link #boot(Path, String, Map, Duration)}, with extra devices: {@code qemuArguments} are appended to
     * qemu's command line as they are (e.g. {@code -device nvme,...}; the script's virtio-serial controller is
     * {@value #SERIAL_BUS} for further ports).
     */
    static TestVm boot(Path script, String guestCommand, Map<String, String> environment, List<String> qemuArguments,
                       Duration readyWithin) throws IOException, InterruptedException {
        // our own RUN_DIR (rather than the script's mktemp) so that the VM can be stopped even if
        // `start` itself fails after qemu is up
        Path runDir = Files.createTempDirectory("btv-run-jqga");
        TestVm vm = new TestVm(script, runDir);
        List<String> command = new ArrayList<>(List.of(script.toString(), "start", "--run-dir", runDir.toString(),
                "--wait", Long.toString(readyWithin.toSeconds())));
        environment.forEach((name, value) -> command.addAll(List.of("--env", name + "=" + value)));
        qemuArguments.forEach(argument -> command.addAll(List.of("--qemu-arg", argument)));
        command.addAll(List.of("--guest-cmd", guestCommand));
        Path output = runDir.resolve("boot-test-vm-start.out");
        try {
            int status = vm.runScript(command, output, readyWithin.plusMinutes(1));
            if (status != 0) {
                throw new IOException("boot-test-vm start exited with " + status + ":\n" + read(output)
                        + "\n--- console.log tail ---\n" + vm.consoleTail(60));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            vm.close();
            throw e;
        }
        return vm;
    }

    /**
     * Shell code for the guest that runs the distribution's bin/jqga on {@link #GUEST_PORT} as a user would,
     * after {@code setup} (shell code, may be empty), with the agent's log streamed to the console so that a
     * failure shows it in console.log; the VM powers off when the agent exits.
     */
    static String jqgaGuestCommand(Path jqga, String setup) {
        String agent = String.join(" ", List.of(quoted(jqga.toString()), "-m", "virtio-serial", "-p", GUEST_PORT,
                "-t", "/tmp/jqga-state", "-v", "-l", "/tmp/jqga.log"));
        return setup
                + "mkdir -p /tmp/jqga-state && touch /tmp/jqga.log\n"
                + "tail -n +1 -F /tmp/jqga.log 2>/dev/null | sed -u 's/^/jqga.log: /' &\n"
                + agent + "\n"
                + "status=$?; sleep 1; echo \"jqga exited with status $status\"; exit $status\n";
    }

    /** {@code text} as one shell word. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    Path runDir() {
        return runDir;
    }

    Path agentSocket() {
        return runDir.resolve("agent.sock");
    }

    /** True while the VM's qemu process lives (checked by its pidfile, cheaply enough to poll). */
    boolean isRunning() {
        try {
            long pid = Long.parseLong(Files.readString(runDir.resolve("qemu.pid")).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** For polling loops: fails with the console's tail once the VM is gone (e.g. the guest agent exited). */
    void checkRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("the VM (" + runDir + ") is no longer running; console.log tail:\n" + consoleTail(80));
        }
    }

    /** The last lines of the guest's serial console: boot log, {@code btv:} markers and the guest command's output. */
    String consoleTail(int lines) {
        List<String> all = read(runDir.resolve("console.log")).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Stops qemu by its RUN_DIR (SIGTERM, SIGKILL after 10 s); harmless if it already exited. */
    @Override
    public void close() throws IOException, InterruptedException {
        Path output = runDir.resolve("boot-test-vm-stop.out");
        int status = runScript(List.of(script.toString(), "stop", runDir.toString()), output, Duration.ofSeconds(60));
        if (status != 0) {
            throw new IOException("boot-test-vm stop " + runDir + " exited with " + status + ":\n" + read(output));
        }
    }

    /** Deletes the RUN_DIR (console.log included) of a stopped VM; kept instead when a test failed. */
    void deleteRunDir() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("VM still running in " + runDir);
        }
        deleteTree(runDir);
    }

    /** Deletes a directory with everything below it, e.g. a test's work directory beside the VM; null is none. */
    static void deleteTree(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private int runScript(List<String> command, Path output, Duration limit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IOException("timed out after " + limit + ": " + command + "\n" + read(output));
        }
        return process.exitValue();
    }

    private static String read(Path file) {
        try {
            // the console may carry non-UTF-8 bytes; never fail a diagnostic on them
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }
}
