package org.jqga.launcher.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The slf4j provider of the agent and of every bundle: one line per event on the current System.err, which the
 * launcher points at the log file or holds while filesystems are frozen (see LoggingSetup). It replaces slf4j-simple,
 * whose timestamps went through SimpleDateFormat: the calendar and locale data behind it cost the start 30 ms.
 *
 * <p>Levels come from system properties read when a logger is first asked for: {@value #LEVEL} for all loggers,
 * and {@value #LEVEL}{@code .NAME} for a logger and those below it, e.g. {@code -Djqga.log.level.org.jqga.deploy=info}.
 * A level is trace, debug, info, warn, error or off; warn when none is set.
 */
public final class AgentLogProvider implements SLF4JServiceProvider, ILoggerFactory {

    /** The system property with the default level; with ".LOGGER" appended, a logger's own. */
    public static final String LEVEL = "jqga.log.level";

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    /** Lines do not show the MDC, but a bundle may read back what it put there, as with slf4j-simple. */
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, AgentLogProvider::newLogger);
    }

    private static Logger newLogger(String name) {
        return new AgentLogger(name, LogThresholds.of(name, System.getProperties()));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: loggers read their level when they are made
    }
}
