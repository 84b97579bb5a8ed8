package org.jqga.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's view of frozen mode: the agent is frozen while an {@code org.jqga.api.FrozenFilesystems} service
 * is registered (by the fsfreeze bundle), and, before the bundles have started, while the state directory holds
 * the frozen marker of an earlier agent. While frozen, log lines are held in memory and work that writes to disk
 * (the deferred pid file) waits; on thaw both are done.
 *
 * <p>Runs as a system bundle activator, so its listener is in place before any bundle starts and sees the
 * registration synchronously, before the first FIFREEZE. The launcher shares no classes with the bundles: it
 * matches the service by its objectClass name, with an {@link AllServiceListener} because the system bundle
 * cannot see the interface.
 */
final class FrozenFilesystemsWatch implements BundleActivator, AllServiceListener {

    static final String SERVICE_CLASS = "org.jqga.api.FrozenFilesystems";
    static final String FILTER = "(objectClass=" + SERVICE_CLASS + ")";
    /** Felix's framework property for activators started and stopped with the system bundle. */
    static final String SYSTEM_BUNDLE_ACTIVATORS = "felix.systembundle.activators";

    private static final Logger LOG = LoggerFactory.getLogger(FrozenFilesystemsWatch.class);

    private final HeldLogOutput log;
    // guarded by this
    private int registrations;
    private boolean assumedFrozen;
    private final List<Runnable> afterThaw = new ArrayList<>();

    /**
     * @param log          the log output to hold while frozen; null when logging goes somewhere that cannot freeze
     * @param frozenAtStart the frozen marker was there at start-up: frozen until the bundles have started and
     *                      the fsfreeze bundle has said otherwise
     */
    FrozenFilesystemsWatch(HeldLogOutput log, boolean frozenAtStart) {
        this.log = log;
        this.assumedFrozen = frozenAtStart;
        if (frozenAtStart && log != null) {
            log.hold();
        }
    }

    /** Adds this watch to Felix's configuration, as a system bundle activator. */
    @SuppressWarnings("unchecked")
    void addTo(Map<String, Object> frameworkProperties) {
        List<Object> activators = new ArrayList<>();
        Object existing = frameworkProperties.get(SYSTEM_BUNDLE_ACTIVATORS);
        if (existing instanceof List<?> list) {
            activators.addAll(list);
        }
        activators.add(this);
        frameworkProperties.put(SYSTEM_BUNDLE_ACTIVATORS, activators);
    }

    @Override
    public void start(BundleContext context) throws InvalidSyntaxException {
        context.addServiceListener(this, FILTER);
        ServiceReference<?>[] present = context.getAllServiceReferences(SERVICE_CLASS, null);
        if (present != null) {
            for (int i = 0; i < present.length; i++) {
                registered();
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        context.removeServiceListener(this);
        // every bundle's services are gone by now (the fsfreeze bundle thaws as it stops); a framework restarted
        // after an update counts the registrations afresh
        synchronized (this) {
            registrations = 0;
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        switch (event.getType()) {
            case ServiceEvent.REGISTERED -> registered();
            case ServiceEvent.UNREGISTERING -> unregistering();
            default -> {
                // MODIFIED: still registered
            }
        }
    }

    /** The bundles have started: from now on only the service tells whether the agent is frozen. */
    void bundlesStarted() {
        boolean thawed;
        synchronized (this) {
            thawed = assumedFrozen && registrations == 0;
            assumedFrozen = false;
        }
        if (thawed) {
            LOG.warn("the state directory held a frozen marker but no fsfreeze bundle took over the frozen state;"
                    + " continuing as thawed");
            thawed();
        }
    }

    synchronized boolean isFrozen() {
        return assumedFrozen || registrations > 0;
    }

    /** Runs {@code action} now if not frozen, else once the agent has thawed (qemu-ga's deferred pid file). */
    void whenThawed(Runnable action) {
        synchronized (this) {
            if (isFrozen()) {
                afterThaw.add(action);
                return;
            }
        }
        action.run();
    }

    /** For a signal handler: true (and logged, held until thaw) if the signal is to be ignored now. */
    boolean ignoreWhileFrozen(String signal) {
        if (!isFrozen()) {
            return false;
        }
        LOG.warn("{} received while filesystems are frozen: ignored, as qemu-ga does (an agent that exits now "
                + "leaves them frozen); thaw first, or SIGKILL, after which the next agent starts frozen", signal);
        return true;
    }

    private void registered() {
        synchronized (this) {
            registrations++;
            // hold before the registering thread goes on to FIFREEZE
            if (log != null) {
                log.hold();
            }
        }
    }

    private void unregistering() {
        boolean thawed;
        synchronized (this) {
            if (registrations == 0) {
                return;
            }
            registrations--;
            thawed = registrations == 0 && !assumedFrozen;
        }
        if (thawed) {
            thawed();
        }
    }

    /** Filesystems are writable again: write what was held, then what waited. */
    private void thawed() {
        if (log != null) {
            HeldLogOutput.Released released = log.release();
            if (released.droppedLines() > 0) {
                LOG.warn("{} log line(s) from while filesystems were frozen were dropped after the first {} (the "
                        + "in-memory hold buffer was full)", released.droppedLines(), released.heldLines());
            } else if (released.heldLines() > 0) {
                LOG.debug("{} log line(s) held while filesystems were frozen written after thaw", released.heldLines());
            }
        }
        List<Runnable> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(afterThaw);
            afterThaw.clear();
        }
        for (Runnable action : waiting) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("deferred start-up work failed after thaw", e);
            }
        }
    }
}
