package org.jqga.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.launcher.log.AgentLogProvider;

/**
 * Configures logging through system properties: slf4j picks its provider ({@link AgentLogProvider}) when the first
 * logger is created, and a logger reads its level when it is made, so this must run before anything (the launcher
 * or a bundle) asks for a logger. Properties given on the java command line win, so an operator can still set levels.
 */
final class LoggingSetup {

    private LoggingSetup() {
    }

    /**
     * @param logfile appended to, like qemu-ga's -l; null logs to stderr. The file also replaces System.err, so that
     *                stray stack traces of a detached agent land in the log rather than in /dev/null.
     */
    static void configure(String logfile, boolean verbose) throws StartupException {
        if (logfile != null) {
            try {
                System.setErr(new PrintStream(new FileOutputStream(logfile, true), true, Charset.defaultCharset()));
            } catch (IOException e) {
                throw new StartupException("unable to open specified log file: " + PidFile.reason(asIo(e)), e);
            }
        }
        applyDefaults(verbose);
    }

    /**
     * For the serving agent: like {@link #configure}, but System.err becomes a {@link HeldLogOutput} that can hold
     * lines while filesystems are frozen. Without a log file stderr is held too unless it is a character device (a
     * terminal, /dev/null): a regular file may be on a frozen filesystem, and a pipe or journald's socket stops
     * being drained once its reader blocks on one.
     *
     * @param openNow false when the agent starts frozen: the log file is then created only when it thaws
     * @return the output to hold, or null if log lines go to a character device and never need holding
     */
    static HeldLogOutput configureHoldable(String logfile, boolean verbose, boolean openNow) throws StartupException {
        PrintStream stderr = System.err;
        HeldLogOutput output = null;
        if (logfile != null) {
            output = new HeldLogOutput(() -> new FileOutputStream(logfile, true), stderr,
                    HeldLogOutput.DEFAULT_CAPACITY_BYTES);
            if (openNow) {
                try {
                    output.open();
                } catch (IOException e) {
                    throw new StartupException("unable to open specified log file: " + PidFile.reason(asIo(e)), e);
                }
            }
        } else if (!isCharacterDevice(Path.of("/proc/self/fd/2"))) {
            output = new HeldLogOutput(() -> stderr, stderr, HeldLogOutput.DEFAULT_CAPACITY_BYTES);
        }
        if (output != null) {
            System.setErr(new PrintStream(output, true, Charset.defaultCharset()));
        }
        applyDefaults(verbose);
        return output;
    }

    static boolean isCharacterDevice(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & 0170000) == 0020000;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void applyDefaults(boolean verbose) {
        // named, the provider spares slf4j a class path scan for providers (8 ms of the start); slf4j then says at its
        // INFO level which one it loads, and only its warnings and errors belong on the agent's stderr
        setDefault("slf4j.provider", AgentLogProvider.class.getName());
        setDefault("slf4j.internal.verbosity", "WARN");
        setDefault(AgentLogProvider.LEVEL, verbose ? "debug" : "warn");
    }

    private static IOException asIo(IOException e) {
        // FileOutputStream reports "path (No such file or directory)"; keep only the reason, as strerror would
        String message = String.valueOf(e.getMessage());
        int open = message.lastIndexOf(" (");
        if (open >= 0 && message.endsWith(")")) {
            return new IOException(message.substring(open + 2, message.length() - 1));
        }
        return e;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
