package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** The system bundle's exports are computed once per Java runtime and bundle cache, and given back to Felix after. */
class SystemPackagesRecordTest {

    private static final LauncherProperties LAUNCHER = new LauncherProperties("9.8.7", "2.0.20");
    private static final String MARKER = "org.jqga.test.marker";

    @TempDir
    Path dir;
    private Path storage;
    private Path record;

    @BeforeEach
    void bundleDirectory() throws Exception {
        Files.createDirectories(dir.resolve("bundle"));
        storage = dir.resolve("cache");
        record = storage.resolve("jqga.system-packages");
    }

    /** The system packages the framework of one start and stop had. */
    private String startAndStop() throws Exception {
        FelixRunner runner = new FelixRunner(FrameworkProperties.of(new AgentConfig(), FrameworkProperties.MODE_SERVE,
                storage, dir.toString(), LAUNCHER, new FelixLogBridge()));
        runner.start(dir.resolve("bundle"));
        try {
            return runner.context().getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES);
        } finally {
            assertTrue(runner.stop(Duration.ofSeconds(10)));
        }
    }

    private Properties readRecord() throws Exception {
        Properties kept = new Properties();
        try (InputStream in = Files.newInputStream(record)) {
            kept.load(in);
        }
        return kept;
    }

    private void writeRecord(Properties kept) throws Exception {
        try (OutputStream out = Files.newOutputStream(record)) {
            kept.store(out, null);
        }
    }

    @Test
    void theFirstStartKeepsWhatFelixComputedForThisRuntime() throws Exception {
        String computed = startAndStop();

        assertTrue(computed.contains("javax.net.ssl"), computed);
        Properties kept = readRecord();
        assertEquals(computed, kept.getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES));
        String runtime = kept.getProperty("runtime");
        assertTrue(runtime.startsWith(System.getProperty("java.home") + "|" + System.getProperty("java.runtime.version")),
                runtime);
        assertTrue(runtime.contains("java.base,"), runtime);
    }

    @Test
    void aLaterStartTakesTheKeptValueInsteadOfComputingIt() throws Exception {
        String computed = startAndStop();
        Properties kept = readRecord();
        kept.setProperty(Constants.FRAMEWORK_SYSTEMPACKAGES, computed + "," + MARKER);
        writeRecord(kept);

        String given = startAndStop();

        assertEquals(computed + "," + MARKER, given);
    }

    @Test
    void aRecordOfAnotherRuntimeIsComputedAgainAndReplaced() throws Exception {
        String computed = startAndStop();
        Properties kept = readRecord();
        kept.setProperty("runtime", "/opt/another-jdk|" + kept.getProperty("runtime"));
        kept.setProperty(Constants.FRAMEWORK_SYSTEMPACKAGES, computed + "," + MARKER);
        writeRecord(kept);

        String again = startAndStop();

        assertEquals(computed, again);
        assertFalse(again.contains(MARKER));
        assertNotEquals(kept.getProperty("runtime"), readRecord().getProperty("runtime"));
        assertEquals(computed, readRecord().getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES));
    }

    @Test
    void anUnreadableRecordIsIgnored() throws Exception {
        String computed = startAndStop();
        Files.writeString(record, "runtime=\\u12\n", StandardCharsets.ISO_8859_1);

        assertEquals(computed, startAndStop());
        assertEquals(computed, readRecord().getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES));
    }

    @Test
    void aFrameworkStoppedBeforeItsStartWasThroughKeepsNothingAndThrowsNothing() throws Exception {
        FelixRunner runner = new FelixRunner(FrameworkProperties.of(new AgentConfig(), FrameworkProperties.MODE_SERVE,
                storage, dir.toString(), LAUNCHER, new FelixLogBridge()));
        runner.start(dir.resolve("bundle"));
        BundleContext context = runner.context();
        assertTrue(runner.stop(Duration.ofSeconds(10)));
        Files.delete(record);

        SystemPackagesRecord.of(storage).keep(context);

        assertFalse(Files.exists(record));
    }

    @Test
    void packagesTheConfigurationNamesWinOverTheRecord() throws Exception {
        startAndStop();
        Map<String, Object> configuration = new HashMap<>();
        configuration.put(Constants.FRAMEWORK_SYSTEMPACKAGES, MARKER);

        SystemPackagesRecord.of(storage).applyTo(configuration);

        assertEquals(MARKER, configuration.get(Constants.FRAMEWORK_SYSTEMPACKAGES));
    }
}
