package org.jqga.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Configures slf4j-simple through system properties. slf4j reads them once, when the first logger is created, so
 * this must run before anything (the launcher or a bundle) asks for a logger. Properties given on the java command
 * line win, so an operator can still tune the format.
 */
final class LoggingSetup {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

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
        setDefault("logFile", "System.err");
        setDefault("defaultLogLevel", verbose ? "debug" : "warn");
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("showThreadName", "false");
        setDefault("showLogName", "false");
        setDefault("showShortLogName", "true");
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
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
