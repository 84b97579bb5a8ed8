package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * A real Felix with the watch as system bundle activator; the "fsfreeze bundle" is a service registered under the
 * name org.jqga.api.FrozenFilesystems, which the launcher cannot load (a ServiceFactory needs no class).
 */
class FrozenFilesystemsWatchTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final HeldLogOutput log = new HeldLogOutput(() -> file, new ByteArrayOutputStream(), 4096);
    private final PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8);
    private FelixRunner runner;

    private FrozenFilesystemsWatch start(boolean frozenAtStart) throws Exception {
        FrozenFilesystemsWatch watch = new FrozenFilesystemsWatch(log, frozenAtStart);
        Map<String, Object> properties = FrameworkProperties.of(new AgentConfig(), FrameworkProperties.MODE_SERVE,
                dir.resolve("cache"), dir.toString(), new LauncherProperties("9.8.7", "2.0.20"), new FelixLogBridge());
        watch.addTo(properties);
        runner = new FelixRunner(properties);
        runner.start(Files.createDirectories(dir.resolve("bundle")));
        return watch;
    }

    private ServiceRegistration<?> registerFrozenFilesystems() {
        return runner.context().registerService(FrozenFilesystemsWatch.SERVICE_CLASS, new ServiceFactory<Object>() {
            @Override
            public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
                return new Object();
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
            }
        }, null);
    }

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop(Duration.ofSeconds(10));
        }
    }

    private String written() {
        return file.toString(StandardCharsets.UTF_8);
    }

    @Test
    void holdsLogLinesAndIgnoresSignalsExactlyWhileTheServiceIsRegistered() throws Exception {
        FrozenFilesystemsWatch watch = start(false);
        watch.bundlesStarted();
        assertFalse(watch.isFrozen());
        assertFalse(watch.ignoreWhileFrozen("SIGTERM"));

        ServiceRegistration<?> frozen = registerFrozenFilesystems();
        assertTrue(watch.isFrozen());
        assertTrue(log.isHolding(), "held as soon as the service is registered, before any FIFREEZE");
        err.println("logged while frozen");
        assertTrue(watch.ignoreWhileFrozen("SIGTERM"));
        assertEquals("", written());

        frozen.unregister();
        assertFalse(watch.isFrozen());
        assertFalse(log.isHolding());
        assertEquals("logged while frozen\n", written());
        assertFalse(watch.ignoreWhileFrozen("SIGTERM"));
    }

    @Test
    void deferredWorkRunsOnThaw() throws Exception {
        FrozenFilesystemsWatch watch = start(false);
        watch.bundlesStarted();
        List<String> done = new ArrayList<>();
        watch.whenThawed(() -> done.add("at once"));
        ServiceRegistration<?> frozen = registerFrozenFilesystems();
        watch.whenThawed(() -> done.add("after thaw"));
        assertEquals(List.of("at once"), done);
        frozen.unregister();
        assertEquals(List.of("at once", "after thaw"), done);
    }

    @Test
    void aFrozenStartStaysFrozenWhileTheFsfreezeBundleHoldsTheState() throws Exception {
        FrozenFilesystemsWatch watch = start(true);
        assertTrue(watch.isFrozen(), "frozen from the marker alone, before the bundles have started");
        ServiceRegistration<?> frozen = registerFrozenFilesystems();
        watch.bundlesStarted();
        assertTrue(watch.isFrozen());
        err.println("held since start");
        frozen.unregister();
        assertFalse(watch.isFrozen());
        assertTrue(written().startsWith("held since start\n"), written());
    }

    @Test
    void aFrozenStartWithoutAnFsfreezeBundleThawsOnceTheBundlesHaveStarted() throws Exception {
        FrozenFilesystemsWatch watch = start(true);
        err.println("held since start");
        watch.bundlesStarted();
        assertFalse(watch.isFrozen());
        assertTrue(written().startsWith("held since start\n"), written());
    }

    @Test
    void countsSeveralRegistrations() throws Exception {
        FrozenFilesystemsWatch watch = start(false);
        watch.bundlesStarted();
        ServiceRegistration<?> first = registerFrozenFilesystems();
        ServiceRegistration<?> second = registerFrozenFilesystems();
        first.unregister();
        assertTrue(watch.isFrozen());
        second.unregister();
        assertFalse(watch.isFrozen());
    }
}
