package org.jqga.launcher.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Lines, levels and timestamps of the agent's slf4j provider. */
class AgentLogProviderTest {

    @Test
    void aLineHasTimestampLevelShortNameAndTheFormattedMessageAndGoesToTheCurrentStderr() throws IOException {
        String output = capturingStderr(() -> {
            Logger log = new AgentLogger("org.jqga.deploy.internal.DeployFolder", Level.INFO);
            log.info("deployed {}: {}", "a.jar", 7);
            log.debug("not shown");
        });
        assertTrue(output.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO "
                + "DeployFolder - deployed a\\.jar: 7\n"), output);
    }

    @Test
    void aThrowableIsFollowedByItsStackTrace() throws IOException {
        String output = capturingStderr(() -> new AgentLogger("x", Level.WARN)
                .warn("failed", new IllegalStateException("the cause")));
        String[] lines = output.split("\n");
        assertTrue(lines[0].endsWith(" WARN x - failed"), lines[0]);
        assertEquals("java.lang.IllegalStateException: the cause", lines[1]);
        assertTrue(lines[2].trim().startsWith("at org.jqga.launcher.log.AgentLogProviderTest"), lines[2]);
    }

    @Test
    void theMostSpecificLevelPropertyWinsAndOffSilencesEvenErrors() {
        Properties properties = new Properties();
        properties.setProperty("jqga.log.level", "error");
        properties.setProperty("jqga.log.level.org.jqga", "info");
        properties.setProperty("jqga.log.level.org.jqga.deploy", "debug");
        properties.setProperty("jqga.log.level.org.jqga.audit", "off");
        assertEquals(Level.DEBUG, LogThresholds.of("org.jqga.deploy.internal.DeployFolder", properties));
        assertEquals(Level.INFO, LogThresholds.of("org.jqga.engine.Dispatcher", properties));
        assertEquals(Level.ERROR, LogThresholds.of("org.apache.felix.framework", properties));
        assertNull(LogThresholds.of("org.jqga.audit.AuditTrail", properties));
        assertFalse(new AgentLogger("org.jqga.audit.AuditTrail", null).isErrorEnabled());
    }

    @Test
    void withoutPropertiesOrWithAMisspeltLevelWarningsAreLogged() {
        assertEquals(Level.WARN, LogThresholds.of("a.b", new Properties()));
        Properties misspelt = new Properties();
        misspelt.setProperty("jqga.log.level", "verbose");
        assertEquals(Level.WARN, LogThresholds.of("a.b", misspelt));
        Logger log = new AgentLogger("a.b", Level.WARN);
        assertTrue(log.isWarnEnabled());
        assertFalse(log.isInfoEnabled());
    }

    @Test
    void timestampsAreLocalTimeWithTheOffsetAsSimpleDateFormatsXxxWroteThem() {
        long millis = 1_796_452_800_123L; // 2026-12-05T06:40:00.123Z
        assertEquals("2026-12-05T06:40:00.123Z", timestamp(millis, 0));
        assertEquals("2026-12-05T08:10:00.123+01:30", timestamp(millis, 90 * 60));
        assertEquals("2026-12-04T21:40:00.123-09:00", timestamp(millis, -9 * 3600));
        assertEquals("1969-12-31T23:59:59.999Z", timestamp(-1, 0));
    }

    @Test
    void theProviderHandsOutOneLoggerPerNameAndKeepsWhatABundlePutsInTheMdc() {
        AgentLogProvider provider = new AgentLogProvider();
        provider.initialize();
        assertSame(provider.getLogger("a.b"), provider.getLoggerFactory().getLogger("a.b"));
        assertEquals("a.b", provider.getLogger("a.b").getName());
        provider.getMDCAdapter().put("request", "42");
        assertEquals("42", provider.getMDCAdapter().get("request"));
        provider.getMDCAdapter().clear();
        assertNull(provider.getMDCAdapter().get("request"));
    }

    private static String timestamp(long millis, int offsetSeconds) {
        StringBuilder out = new StringBuilder();
        LogTimestamp.append(out, millis, offsetSeconds);
        return out.toString();
    }

    private static String capturingStderr(Runnable logging) throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            logging.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
