package org.jqga.launcher.log;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Writes "TIMESTAMP LEVEL ShortName - message" and the stack trace of a throwable, if any, to System.err. */
final class AgentLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    /** Level.toInt() of the least severe level logged; above ERROR when nothing is. */
    private final int threshold;
    private final String shortName;

    AgentLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold != null ? threshold.toInt() : Level.ERROR.toInt() + 1;
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
        return logs(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return logs(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return logs(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return logs(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return logs(Level.ERROR);
    }

    private boolean logs(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        StringBuilder line = new StringBuilder(128);
        LogTimestamp.append(line, System.currentTimeMillis());
        line.append(' ').append(level.name()).append(' ').append(shortName).append(" - ")
                .append(MessageFormatter.basicArrayFormat(pattern, arguments));
        // looked up per line: the launcher replaces System.err with the log file or a holding stream
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
        err.flush();
    }
}
