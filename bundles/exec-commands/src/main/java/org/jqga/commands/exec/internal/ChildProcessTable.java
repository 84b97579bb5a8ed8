package org.jqga.commands.exec.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jqga.api.CommandException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programs guest-exec started and guest-exec-status has not yet reported as exited, keyed by pid.
 * Global to the agent, so it survives host reconnects, as in qemu-ga.
 *
 * <p>Beyond qemu-ga, the table is bounded so a host that never asks for statuses cannot make the agent
 * grow without end: at most {@value #MAX_PROCESSES_PROPERTY} entries (default
 * {@value #DEFAULT_MAX_PROCESSES}), running or finished, and a finished entry nobody asked about is
 * dropped {@value #RETAIN_SECONDS_PROPERTY} seconds (default {@value #DEFAULT_RETAIN_SECONDS}) after it
 * finished, its output with it; a status call for it then gets the unknown-pid error. One sweeper thread
 * reaps exited children twice a second (so none stays a zombie for long) and drops expired entries; it runs only
 * while the table has entries, so an agent that runs no programs has neither the thread nor its wake-ups.
 *
 * <p>On deactivation (bundle stopped or updated) the table is emptied: the children keep running, the
 * agent closes its ends of their pipes and stops every thread it had for them. A child that is still
 * running then is no longer reaped by the agent and stays a zombie after it exits, until the agent exits.
 */
// immediate: the table must outlive the delayed command components, which DS disposes between requests
@Component(service = ChildProcessTable.class, immediate = true)
public final class ChildProcessTable {

    static final String MAX_PROCESSES_PROPERTY = "org.jqga.exec.maxProcesses";
    static final String RETAIN_SECONDS_PROPERTY = "org.jqga.exec.retainSeconds";
    static final int DEFAULT_MAX_PROCESSES = 64;
    static final int DEFAULT_RETAIN_SECONDS = 600;
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);
    private static final long SWEEPER_KEEP_ALIVE_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessTable.class);

    private final ProgramLauncher launcher;
    private final int maxProcesses;
    private final long retainNanos;
    private final Map<Long, ChildProcess> children = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor sweeper;
    private final long sweepMillis;
    /** Entries plus spawns in progress. Guarded by children's monitor, as are closed and sweeping. */
    private int reserved;
    private boolean closed;
    private ScheduledFuture<?> sweeping;

    @Activate
    public ChildProcessTable(BundleContext context) {
        this(positive(context, MAX_PROCESSES_PROPERTY, DEFAULT_MAX_PROCESSES),
                Duration.ofSeconds(positive(context, RETAIN_SECONDS_PROPERTY, DEFAULT_RETAIN_SECONDS)), SWEEP_INTERVAL);
    }

    public ChildProcessTable(int maxProcesses, Duration retain, Duration sweepInterval) {
        this.launcher = new ProgramLauncher(System.getenv("PATH"));
        this.maxProcesses = maxProcesses;
        this.retainNanos = retain.toNanos();
        this.sweeper = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "jqga-exec-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.setKeepAliveTime(SWEEPER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        sweeper.allowCoreThreadTimeOut(true);
        sweeper.setRemoveOnCancelPolicy(true);
        this.sweepMillis = sweepInterval.toMillis();
    }

    /** Starts a program and returns its pid. */
    long start(String path, List<String> arg, List<String> env, byte[] input, CaptureOutput capture)
            throws CommandException {
        reserve();
        ChildProcess child;
        try {
            child = launcher.launch(path, arg, env, input, capture);
        } catch (CommandException | RuntimeException | Error e) {
            release();
            throw e;
        }
        synchronized (children) {
            if (closed) {
                release();
                child.detach();
                throw CommandException.genericError("guest-exec is shutting down");
            }
            ChildProcess stale = children.put(child.pid(), child);
            if (sweeping == null) {
                sweeping = sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            }
            if (stale != null) {
                // the kernel reused the pid of a finished entry nobody collected yet; the new program wins
                reserved--;
                stale.detach();
                LOG.warn("guest-exec: pid {} reused before its previous status was collected", child.pid());
            }
        }
        LOG.info("guest-exec: pid {} runs '{}' (capture-output {})", child.pid(), path, capture.wireName());
        return child.pid();
    }

    /** The status report; an exited report is the last one, as the entry is removed with it. */
    GuestExecStatus.Result status(long pid) throws CommandException {
        ChildProcess child = children.get(pid);
        if (child == null) {
            throw unknownPid(pid);
        }
        if (!child.finished()) {
            return GuestExecStatus.Result.RUNNING;
        }
        if (!remove(pid, child)) {
            // a concurrent status call reported it first
            throw unknownPid(pid);
        }
        return child.report();
    }

    int size() {
        return children.size();
    }

    /** The entry for {@code pid}, or null; for tests. */
    ChildProcess child(long pid) {
        return children.get(pid);
    }

    @Deactivate
    void close() {
        List<ChildProcess> left;
        synchronized (children) {
            closed = true;
            left = new ArrayList<>(children.values());
            children.clear();
            reserved = 0;
        }
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ChildProcess child : left) {
            if (!child.reap()) {
                LOG.info("guest-exec: pid {} is left running; its output is no longer collected", child.pid());
            }
            child.detach();
        }
    }

    /** qemu-ga 7.2 says "Invalid parameter 'pid'", the newest "PID ld does not exist" (a format bug). */
    static CommandException unknownPid(long pid) {
        return CommandException.genericError("PID " + pid + " does not exist");
    }

    private void sweep() {
        try {
            for (ChildProcess child : children.values()) {
                if (child.finished() && child.finishedForNanos() > retainNanos && remove(child.pid(), child)) {
                    LOG.info("guest-exec: status of pid {} was never collected; dropped it", child.pid());
                }
            }
        } catch (RuntimeException e) {
            // one bad sweep must not end the periodic task
            LOG.warn("guest-exec: sweeping the process table failed", e);
        }
        synchronized (children) {
            if (children.isEmpty() && sweeping != null) {
                sweeping.cancel(false);
                sweeping = null;
            }
        }
    }

    private boolean remove(long pid, ChildProcess child) {
        synchronized (children) {
            if (!children.remove(pid, child)) {
                return false;
            }
            reserved--;
        }
        child.detach();
        return true;
    }

    private void reserve() throws CommandException {
        synchronized (children) {
            if (closed) {
                throw CommandException.genericError("guest-exec is shutting down");
            }
            if (reserved >= maxProcesses) {
                throw CommandException.genericError("too many guest-exec processes (the agent's limit is " + maxProcesses
                        + "; running ones count, and so do finished ones until guest-exec-status has reported them)");
            }
            reserved++;
        }
    }

    private void release() {
        synchronized (children) {
            reserved--;
        }
    }

    private static int positive(BundleContext context, String name, int fallback) {
        String value = context.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the default
        }
        LOG.warn("{}={} is not a positive integer; using {}", name, value, fallback);
        return fallback;
    }
}
