package org.jqga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Felix: starts it with every bundle of the bundle directory and watches it until it stops. */
final class FelixRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FelixRunner.class);

    private final FrameworkFactory factory;
    private final Map<String, Object> properties;
    private final BundleCacheRecord cacheRecord;
    private final SystemPackagesRecord systemPackages;
    /** Replaced once, by a framework on a wiped cache, when the kept cache turns out to be unusable. */
    private volatile Framework framework;
    /** Whether {@link #framework} starts on a wiped cache (then a failing init has nothing left to retry). */
    private boolean wipingCache;
    private volatile boolean stopRequested;

    FelixRunner(Map<String, Object> properties) throws StartupException {
        // Felix by name, not by a ServiceLoader scan of the class path (8 ms of the start): the launcher is made for it
        factory = new org.apache.felix.framework.FrameworkFactory();
        this.properties = properties;
        Path storage = Path.of(String.valueOf(properties.get(Constants.FRAMEWORK_STORAGE)));
        cacheRecord = BundleCacheRecord.of(storage);
        systemPackages = SystemPackagesRecord.of(storage);
        framework = newFramework(false);
        if (!cacheRecord.trusted(framework.getVersion().toString())) {
            cacheRecord.forget();
            framework = newFramework(true);
        }
    }

    /** @param wipeCache whether Felix empties the bundle cache on init; else it reloads the bundles in it */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Framework newFramework(boolean wipeCache) {
        Map<String, Object> configuration = new LinkedHashMap<>(properties);
        systemPackages.applyTo(configuration);
        wipingCache = wipeCache;
        if (wipeCache) {
            configuration.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        // Felix accepts objects (the logger) in its configuration map although the interface says String
        return factory.newFramework((Map) configuration);
    }

    /**
     * Starts the framework on the bundle cache of the last start, brings the cache in line with the jars of
     * {@code bundleDirectory} (sorted by file name; see {@link BundleCacheRecord}) and starts every bundle of them
     * that is not a fragment, in two start levels (see {@link StartLevels}). A bundle that does not resolve or whose
     * activator throws stops the whole start.
     *
     * @return false if the framework was stopped before every level was through (a SIGTERM soon after the channel
     *         opened, a transport's fatal error): not a failed start, and {@link #awaitStop()} tells how it ended
     */
    boolean start(Path bundleDirectory) throws StartupException {
        List<Path> jars = bundleJars(bundleDirectory);
        List<Bundle> started = new ArrayList<>();
        CdsTraining training = null;
        StartFailures failures = new StartFailures();
        try {
            init();
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = cacheRecord.reconcile(context, jars, framework.getVersion().toString());
            for (Bundle bundle : installed) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    // the framework is at start level 0 here: start() only marks the bundle, framework.start()
                    // starts it when its level comes
                    bundle.adapt(BundleStartLevel.class).setStartLevel(StartLevels.of(bundle));
                    bundle.start();
                    started.add(bundle);
                }
            }
            context.addFrameworkListener(failures);
            if (CdsTraining.requested(properties)) {
                training = CdsTraining.begin(this, properties);
            }
            try {
                // returns once every start level is through
                framework.start();
            } finally {
                cacheRecord.save();
                systemPackages.keep(context);
            }
        } catch (BundleException e) {
            throw new StartupException("the OSGi framework failed to start: " + e.getMessage(), e);
        }
        try {
            if (stopping()) {
                return false;
            }
            refreshRemovalPending();
            for (Bundle bundle : started) {
                if (bundle.getState() != Bundle.ACTIVE) {
                    if (stopping()) {
                        // Felix stops a framework only once its start is through, so a stop may have begun just now
                        return false;
                    }
                    Throwable cause = failures.awaitCause(bundle);
                    throw new StartupException("bundle " + bundle.getSymbolicName() + " (" + bundle.getLocation()
                            + ") failed to start: " + (cause != null ? cause.getMessage() : "its state is "
                            + bundle.getState()), cause);
                }
            }
        } finally {
            removeQuietly(framework.getBundleContext(), failures);
        }
        LOG.debug("OSGi framework started with {} bundles from {}", started.size(), bundleDirectory);
        if (training != null) {
            training.frameworkStarted();
        }
        return true;
    }

    /** A stop was asked for, or the framework stopped by itself: not a failed start. */
    private boolean stopping() {
        return stopRequested || framework.getState() != Bundle.ACTIVE;
    }

    private static void removeQuietly(BundleContext context, FrameworkListener listener) {
        if (context == null) {
            return; // a framework that stopped has no context, nor listeners
        }
        try {
            context.removeFrameworkListener(listener);
        } catch (IllegalStateException stopped) {
            // a framework that stopped while starting has forgotten its listeners anyway
        }
    }

    /**
     * The errors the start-level thread reports (it cannot throw them at us), by bundle. Felix delivers them on its
     * event thread, possibly after its start has returned: a start once failed with "its state is 2" instead of the
     * missing import, because the listener was asked (and removed) before the event came.
     */
    private static final class StartFailures implements FrameworkListener {
        /** Felix fires the error as the bundle fails; this only covers its delivery. */
        private static final long DELIVERY_MILLIS = 2_000;

        private final Map<Long, Throwable> byBundle = new HashMap<>();

        @Override
        public synchronized void frameworkEvent(FrameworkEvent event) {
            if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null && event.getThrowable() != null) {
                byBundle.putIfAbsent(event.getBundle().getBundleId(), event.getThrowable());
                notifyAll();
            }
        }

        /** The error reported for a bundle that failed to start, once delivered; null if none comes. */
        synchronized Throwable awaitCause(Bundle bundle) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DELIVERY_MILLIS);
            Throwable cause;
            long left;
            while ((cause = byBundle.get(bundle.getBundleId())) == null
                    && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return cause;
        }
    }

    /** Felix's init, which loads the kept cache; a cache it cannot load is wiped and the init tried once more. */
    private void init() throws BundleException {
        try {
            framework.init();
        } catch (BundleException | RuntimeException e) {
            if (wipingCache) {
                throw e;
            }
            LOG.warn("the bundle cache cannot be loaded ({}); starting with a clean one", e.toString());
            cacheRecord.forget();
            framework = newFramework(true);
            framework.init();
        }
    }

    /** An update or uninstall of a resolved bundle leaves its old revision wired until a refresh: done, and waited for. */
    private void refreshRemovalPending() {
        FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
        if (wiring == null || wiring.getRemovalPendingBundles().isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> done.countDown());
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Path> bundleJars(Path directory) throws StartupException {
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
