package org.jqga.fsfreeze.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The optional auto-thaw watchdog (beyond qemu-ga, which waits for the host forever): one pending action,
 * run on a daemon thread when the delay passes unless cancelled first. The thread is created up front, so
 * nothing new has to be set up while filesystems are frozen.
 */
final class AutoThawTimer {

    private final Duration delay;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> pending;

    /** @param delay zero or negative: never fires */
    AutoThawTimer(Duration delay) {
        this.delay = delay;
        this.executor = enabled() ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jqga-fsfreeze-auto-thaw");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    boolean enabled() {
        return !delay.isNegative() && !delay.isZero();
    }

    Duration delay() {
        return delay;
    }

    synchronized void arm(Runnable action) {
        cancel();
        if (executor != null && !executor.isShutdown()) {
            pending = executor.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    synchronized void shutdown() {
        cancel();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
