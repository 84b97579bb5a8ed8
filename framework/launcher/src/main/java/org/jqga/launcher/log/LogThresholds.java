package org.jqga.launcher.log;

import java.util.Locale;
import java.util.Properties;
import org.slf4j.event.Level;

/** A logger's level: the most specific {@code jqga.log.level.PREFIX} that names it or a logger above it, else the default. */
final class LogThresholds {

    private static final Level FALLBACK = Level.WARN;

    private LogThresholds() {
    }

    /** @return the least severe level that is logged, or null when nothing is (level "off") */
    static Level of(String loggerName, Properties properties) {
        String name = loggerName;
        while (true) {
            String value = properties.getProperty(AgentLogProvider.LEVEL + "." + name);
            if (value != null) {
                return parse(value);
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                break;
            }
            name = name.substring(0, dot);
        }
        String value = properties.getProperty(AgentLogProvider.LEVEL);
        return value != null ? parse(value) : FALLBACK;
    }

    private static Level parse(String value) {
        String level = value.trim().toUpperCase(Locale.ROOT);
        if (level.equals("OFF")) {
            return null;
        }
        for (Level known : Level.values()) {
            if (known.name().equals(level)) {
                return known;
            }
        }
        return FALLBACK; // a misspelt level must not silence warnings
    }
}
