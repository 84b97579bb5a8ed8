package org.jqga.engine.internal.dispatch;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jqga.api.CommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs command handlers under a deadline, so that a hung handler costs the host one GenericError
 * and the channel keeps serving.
 *
 * <p>A handler runs on a worker thread that is reused from request to request (the channel thread
 * hands it over through a slot plus unpark, and waits). Java cannot kill a thread: when a handler overruns, its worker is
 * interrupted and abandoned, left to finish (or hang) on its own as a daemon thread; it gives its
 * command service back only once the handler returns, and then ends. The next request gets a fresh
 * worker. At most {@code maxAbandoned} hung workers may exist at once; beyond that commands are
 * refused rather than piling up threads, until one of them finishes.
 *
 * <p>With a timeout of 0 handlers run on the caller's thread, with no deadline.
 */
final class CommandRunner implements AutoCloseable {

    static final long DEFAULT_TIMEOUT_MILLIS = 60_000;
    static final int DEFAULT_MAX_ABANDONED = 8;

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();
    /**
     * How long the channel thread spins for the handler's result before parking. The worker itself parks at once
     * when idle: on a 2-vCPU guest a spinning worker takes the CPU the channel thread needs to read the next request
     * (measured: mean ping round trip 80-290 us with it, 70-100 us without, 40-70 us with no hand-off at all).
     */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final long timeoutMillis;
    private final int maxAbandoned;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    /**
     * Commands whose last run outlasted the spin: for them the channel thread parks at once. A host polls the same
     * few commands over and over, and for one that reads a dozen files the spin only burnt 50 us of CPU per request.
     */
    private final Set<String> outlastingTheSpin = ConcurrentHashMap.newKeySet();
    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile boolean closed;

    CommandRunner(long timeoutMillis, int maxAbandoned) {
        this.timeoutMillis = Math.max(0, timeoutMillis);
        this.maxAbandoned = Math.max(1, maxAbandoned);
    }

    /** Handlers on the caller's thread, no deadline: for tests and for timeout 0. */
    static CommandRunner inline() {
        return new CommandRunner(0, 1);
    }

    /** Workers currently abandoned to a handler that overran and has not returned yet. */
    int abandonedWorkers() {
        return abandoned.get();
    }

    /**
     * Runs {@code handler}; {@code release} runs exactly once, after the handler has returned (on
     * the worker, even when the caller stopped waiting), or at once if the handler never started.
     */
    Object run(String name, Callable<Object> handler, Runnable release) throws CommandException {
        return run(name, handler, release, () -> { });
    }

    /**
     * As {@link #run(String, Callable, Runnable)}; {@code beforeWaiting} runs on the caller's thread when the handler
     * did not finish within the short spin, before the caller blocks (the session flushes replies it held back).
     */
    Object run(String name, Callable<Object> handler, Runnable release, Runnable beforeWaiting) throws CommandException {
        if (timeoutMillis == 0) {
            return runHere(name, handler, release);
        }
        if (abandoned.get() >= maxAbandoned) {
            release.run();
            throw CommandException.genericError("command " + name + " not run: " + abandoned.get()
                    + " timed-out command handlers are still running");
        }
        long handedAt = System.nanoTime();
        FutureTask<Object> task = new FutureTask<>(() -> {
            try {
                return call(handler);
            } finally {
                learnRunTime(name, System.nanoTime() - handedAt);
                release.run();
            }
        });
        Worker worker = idle.pollFirst();
        if (worker == null || !worker.hand(task)) {
            worker = new Worker();
            if (!worker.hand(task)) {
                worker.retire();
                release.run();
                throw CommandException.genericError("command " + name + " not run: no command thread available");
            }
        }
        if (spinsFor(name)) {
            spinUntilDone(task);
        }
        if (!task.isDone()) {
            beforeWaiting.run();
        }
        try {
            Object result = unwrap(name, () -> task.get(timeoutMillis, TimeUnit.MILLISECONDS));
            giveBack(worker);
            return result;
        } catch (TimeoutTrap e) {
            LOG.error("command {} timed out after {} ms; abandoning its thread {} ({} abandoned before it, at most {})",
                    name, timeoutMillis, worker.thread.getName(), abandoned.get(), maxAbandoned);
            worker.abandon();
            throw CommandException.genericError("command " + name + " timed out after " + timeoutMillis + " ms");
        } catch (CommandException | RuntimeException | Error e) {
            // a handler that returned by throwing leaves its worker free again; keeping such workers out of the pool
            // leaked one parked thread per error reply (found by the soak run). Only an interrupted wait leaves the
            // handler running, and then its worker is abandoned like a timed-out one.
            if (task.isDone()) {
                giveBack(worker);
            } else {
                worker.abandon();
            }
            throw e;
        }
    }

    private void giveBack(Worker worker) {
        if (!closed) {
            idle.addFirst(worker);
        } else {
            worker.retire();
        }
    }

    /** On the caller's thread, no deadline: for handlers that declared themselves non-blocking, and timeout 0. */
    Object runHere(String name, Callable<Object> handler, Runnable release) throws CommandException {
        try {
            return unwrap(name, () -> call(handler));
        } finally {
            release.run();
        }
    }

    /** Whether the channel thread spins for this command's result before it parks. */
    boolean spinsFor(String name) {
        return !outlastingTheSpin.contains(name);
    }

    /** After each run, from the worker: the time from hand-over to result, the worker's wake-up included. */
    void learnRunTime(String name, long nanosSinceHandedOver) {
        boolean outlasted = nanosSinceHandedOver > SPIN_NANOS;
        if (outlasted != outlastingTheSpin.contains(name)) {
            if (outlasted) {
                outlastingTheSpin.add(name);
            } else {
                outlastingTheSpin.remove(name);
            }
        }
    }

    /**
     * Most handlers take microseconds; parking and being woken costs more than that on a small guest, so the
     * channel thread spins for a few tens of microseconds before it parks.
     */
    private static void spinUntilDone(FutureTask<Object> task) {
        long until = System.nanoTime() + SPIN_NANOS;
        while (!task.isDone() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** The handler's own outcome, as the channel thread sees it. */
    private static Object call(Callable<Object> handler) throws Exception {
        return handler.call();
    }

    @FunctionalInterface
    private interface Outcome {
        Object get() throws Exception;
    }

    /** Thrown inside {@link #unwrap} when the deadline passed; turned into the timeout reply. */
    private static final class TimeoutTrap extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeoutTrap() {
            super(null, null, false, false);
        }
    }

    private static Object unwrap(String name, Outcome outcome) throws CommandException {
        Throwable failure;
        try {
            return outcome.get();
        } catch (TimeoutException e) {
            throw new TimeoutTrap();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandException.genericError("command " + name + " interrupted");
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (Exception e) {
            failure = e;
        } catch (LinkageError | StackOverflowError e) {
            failure = e;
        }
        if (failure instanceof CommandException commandException) {
            throw commandException;
        }
        if (failure instanceof RuntimeException || failure instanceof LinkageError
                || failure instanceof StackOverflowError || failure instanceof Exception) {
            // a faulty bundle must cost the host one error reply, never the agent
            LOG.error("command {} failed", name, failure);
            throw CommandException.genericError("command " + name + " failed: " + failure);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw CommandException.genericError("command " + name + " failed: " + failure);
    }

    @Override
    public void close() {
        closed = true;
        for (Worker worker = idle.pollFirst(); worker != null; worker = idle.pollFirst()) {
            worker.retire();
        }
    }

    /** One reusable handler thread; handed one task at a time through a slot, woken by unpark. */
    private final class Worker implements Runnable {

        private final AtomicReference<FutureTask<Object>> slot = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean retired;
        private volatile boolean abandonedFlag;

        Worker() {
            thread = new Thread(this, "jqga-command-" + WORKER_NUMBERS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }

        /** False if the worker is gone (retired meanwhile): the caller then makes a new one. */
        boolean hand(FutureTask<Object> task) {
            if (retired) {
                return false;
            }
            if (!slot.compareAndSet(null, task)) {
                return false;
            }
            LockSupport.unpark(thread);
            return true;
        }

        void abandon() {
            abandonedFlag = true;
            retired = true;
            abandoned.incrementAndGet();
            thread.interrupt();
        }

        void retire() {
            retired = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                while (!retired) {
                    FutureTask<Object> task = slot.getAndSet(null);
                    if (task == null) {
                        LockSupport.park(this);
                        continue;
                    }
                    task.run();
                    // a handler that swallowed our interrupt must not leave it to the next one
                    Thread.interrupted();
                }
            } finally {
                if (abandonedFlag) {
                    abandoned.decrementAndGet();
                    LOG.warn("abandoned command thread {} finished", thread.getName());
                }
            }
        }
    }
}
