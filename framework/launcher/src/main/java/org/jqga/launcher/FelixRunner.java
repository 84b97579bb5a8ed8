package org.jqga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Felix: starts it with every bundle of the bundle directory and watches it until it stops. */
final class FelixRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FelixRunner.class);

    private final Framework framework;
    private volatile boolean stopRequested;

    @SuppressWarnings({"unchecked", "rawtypes"})
    FelixRunner(Map<String, Object> properties) throws StartupException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FelixRunner.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new StartupException("no OSGi framework on the class path"));
        // Felix accepts objects (the logger) in its configuration map although the interface says String
        framework = factory.newFramework((Map) properties);
    }

    /**
     * Starts the framework, installs every jar of {@code bundleDirectory} (sorted by file name) and starts all that
     * are not fragments. A bundle that does not resolve or whose activator throws stops the whole start.
     */
    void start(Path bundleDirectory) throws StartupException {
        List<Path> jars = bundleJars(bundleDirectory);
        try {
            framework.init();
            framework.start();
        } catch (BundleException e) {
            throw new StartupException("the OSGi framework failed to start: " + e.getMessage(), e);
        }
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            try {
                installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
            } catch (BundleException e) {
                throw new StartupException("cannot install bundle " + jar + ": " + e.getMessage(), e);
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                throw new StartupException("bundle " + bundle.getSymbolicName() + " (" + bundle.getLocation()
                        + ") failed to start: " + e.getMessage(), e);
            }
        }
        LOG.debug("OSGi framework started with {} bundles from {}", installed.size(), bundleDirectory);
    }

    private static List<Path> bundleJars(Path directory) throws StartupException {
        if (!Files.isDirectory(directory)) {
            throw new StartupException("bundle directory not found: " + directory);
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new StartupException("cannot list bundle directory " + directory + ": " + e.getMessage(), e);
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Blocks until the framework has stopped. 0 if someone asked for the stop (a signal), 1 if it stopped by itself,
     * which is how a transport bundle reports a fatal channel error.
     */
    int awaitStop() throws InterruptedException {
        while (true) {
            FrameworkEvent event = framework.waitForStop(0);
            if (stopRequested) {
                return 0;
            }
            if (event.getType() == FrameworkEvent.STOPPED_UPDATE) {
                LOG.info("OSGi framework updated, restarting it");
                restartAfterUpdate();
                continue;
            }
            if (event.getThrowable() != null) {
                LOG.error("the OSGi framework stopped unexpectedly", event.getThrowable());
            } else {
                LOG.error("the OSGi framework stopped unexpectedly; exiting");
            }
            return 1;
        }
    }

    private void restartAfterUpdate() throws InterruptedException {
        try {
            framework.start();
        } catch (BundleException e) {
            // the next waitForStop returns at once and reports the stop
            LOG.error("cannot restart the OSGi framework after an update", e);
        }
    }

    /** Asks the framework to stop without waiting (safe from a signal handler). */
    void requestStop() {
        stopRequested = true;
        try {
            framework.stop();
        } catch (BundleException | RuntimeException e) {
            LOG.warn("stopping the OSGi framework failed", e);
        }
    }

    /** Stops the framework and waits at most {@code timeout}; true if it is stopped. */
    boolean stop(Duration timeout) {
        requestStop();
        return awaitStopped(timeout);
    }

    boolean awaitStopped(Duration timeout) {
        try {
            framework.waitForStop(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int state = framework.getState();
        return state == Bundle.RESOLVED || state == Bundle.INSTALLED || state == Bundle.UNINSTALLED;
    }

    boolean isRunning() {
        int state = framework.getState();
        return state == Bundle.ACTIVE || state == Bundle.STARTING || state == Bundle.STOPPING;
    }
}
