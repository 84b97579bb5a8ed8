package org.jqga.fsfreeze.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jqga.api.CommandException;

/**
 * The fsfreeze hook (qemu-ga's {@code -F}): {@code HOOK freeze} before anything is frozen, {@code HOOK thaw}
 * after everything is thawed, run synchronously with stdin, stdout and stderr on /dev/null, in a session of
 * its own (so a signal to the agent's process group or terminal does not reach it), error texts of qemu-ga 7.2.
 */
final class FreezeHook {

    static final String FREEZE = "freeze";
    static final String THAW = "thaw";

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final File DEV_NULL = new File("/dev/null");

    private final Path hook;

    /** @param hook the program, or null when no hook is configured (then {@link #run} does nothing) */
    FreezeHook(Path hook) {
        this.hook = hook;
    }

    static FreezeHook fromProperty(String value) {
        return new FreezeHook(value == null || value.isBlank() ? null : Path.of(value.strip()));
    }

    boolean configured() {
        return hook != null;
    }

    Path path() {
        return hook;
    }

    void run(String argument) throws CommandException {
        if (hook == null) {
            return;
        }
        if (!Files.isExecutable(hook)) {
            String reason = Files.exists(hook) ? "Permission denied" : "No such file or directory";
            throw CommandException.genericError("can't access fsfreeze hook '" + hook + "': " + reason);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // the JVM's children are never process-group leaders, so setsid execs in place; --wait covers the
            // case where it has to fork and must still hand back the hook's status
            command.add(SETSID.toString());
            command.add("--wait");
        }
        command.add(hook.toString());
        command.add(argument);
        int status;
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(DEV_NULL)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            status = waitUninterruptibly(process);
        } catch (IOException e) {
            // qemu-ga's child reports a failed exec as exit status 1
            status = 1;
        }
        if (status != 0) {
            throw CommandException.genericError("fsfreeze hook has failed with status " + status);
        }
    }

    /** The agent must not answer (or freeze) before the hook is done, whatever interrupts the thread. */
    private static int waitUninterruptibly(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
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
