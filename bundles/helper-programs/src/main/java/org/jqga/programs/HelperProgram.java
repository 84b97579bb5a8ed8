package org.jqga.programs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jqga.api.CommandException;

/**
 * Runs the system's helper programs (shutdown, hwclock, chpasswd, systemctl ...) as qemu-ga's ga_run_command
 * does: optional text on stdin (else /dev/null), stdout and stderr captured together, and a failure reported as
 * "child process has failed to ACTION: OUTPUT" so the host learns why. There is no time limit, as in qemu-ga:
 * these programs are expected to return promptly, and killing a half-done password change would be worse.
 *
 * <p>Differences a Java process cannot avoid: the child stays in the agent's session (no setsid), and a child
 * killed by a signal is reported like one that exited with status 128+N.
 */
public final class HelperProgram {

    /** The JDK reports a failed exec as 'Cannot run program "x": error=2, No such file or directory'. */
    private static final Pattern EXEC_FAILURE = Pattern.compile("error=\\d+, (.*)$");

    private static final File DEV_NULL = new File("/dev/null");

    private HelperProgram() {
    }

    /**
     * Runs {@code argv} (argv[0] a path, or a name looked up on the agent's PATH) to completion.
     *
     * @param stdin bytes for its standard input, or null for /dev/null
     * @throws ProgramNotStarted when it cannot be executed (missing, not executable ...)
     * @throws IOException when its output cannot be read or its input not written
     */
    public static ProgramRun run(List<String> argv, byte[] stdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        if (stdin == null) {
            builder.redirectInput(DEV_NULL);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProgramNotStarted(argv.get(0), execFailureReason(e));
        }
        // read while writing: a child that answers before consuming its input must not deadlock us
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                }
            }
            byte[] bytes = output.join();
            int status = waitFor(process);
            return new ProgramRun(status, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            process.destroy();
            throw e;
        }
    }

    /**
     * qemu-ga's ga_run_command: runs the program and turns every way it can fail into qemu-ga's error text for
     * {@code action} (e.g. "shutdown", "set user password").
     */
    public static void runFor(String action, List<String> argv, byte[] stdin) throws CommandException {
        ProgramRun run;
        try {
            run = run(argv, stdin);
        } catch (ProgramNotStarted e) {
            // qemu-ga's child perror()s into the captured output and exits with 1
            throw CommandException.genericError("child process has failed to " + action + ": failed to exec '"
                    + e.program() + "': " + e.reason() + "\n");
        } catch (IOException e) {
            throw CommandException.genericError(action + ": cannot write to stdin pipe: " + e.getMessage());
        }
        if (!run.succeeded()) {
            throw CommandException.genericError("child process has failed to " + action + ": "
                    + (run.output().isEmpty() ? "exit status " + run.exitStatus() : run.output()));
        }
    }

    private static String execFailureReason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = EXEC_FAILURE.matcher(message);
        return m.find() ? m.group(1) : message;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int waitFor(Process process) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    // the action is under way; its outcome is what the host must hear
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
