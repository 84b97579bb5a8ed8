package org.jqga.engine.internal.dispatch;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sizes the heap around file transfers. A 4 MiB guest-file-write or -read grows the heap to hold its request or
 * reply, and the serial collector returns memory to the system only at a full collection, which an idle agent never
 * has: the guest would pay the transfer's peak for as long as the agent runs. So a burst of bytes makes room in the
 * heap, and once the host has been quiet for a while the heap gives it back (G1's periodic collections do the
 * same). The timer thread exists only while a burst waits for its quiet time.
 */
final class IdleHeapTrim implements AutoCloseable {

    static final long DEFAULT_IDLE_MILLIS = 2_000;
    /**
     * Less than this between two quiet times is what any host moves by polling, and grows nothing; one 4 MiB read
     * (5.6 MB of reply) is more, so even a single large read gives back its lent buffer and the heap it grew.
     */
    static final long BURST_BYTES = 4L << 20;
    /**
     * Room is made only for a transfer that goes on: made at once, the wide ratios let the first requests grow the
     * heap 10 MiB further than they need (peak RSS of a 64 MiB transfer 102 instead of 93 MiB).
     */
    static final long TRANSFER_BYTES = 8L << 20;

    /** For sessions made without an engine (tests): never collects. */
    static final IdleHeapTrim NONE = new IdleHeapTrim(0, TransferHeap.UNTOUCHED);

    private final long idleNanos;
    private final TransferHeap heap;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong movedSinceTrim = new AtomicLong();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean roomMade = new AtomicBoolean();
    private volatile long lastActivityNanos = System.nanoTime();

    /** @param idleMillis the quiet time after a burst; 0 turns trimming off */
    IdleHeapTrim(long idleMillis, TransferHeap heap) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, idleMillis));
        this.heap = heap;
        this.timer = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "jqga-heap-trim");
            thread.setDaemon(true);
            return thread;
        });
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** Bytes a session received or sent just now. */
    void moved(long bytes) {
        lastActivityNanos = System.nanoTime();
        if (idleNanos == 0) {
            return;
        }
        long moved = movedSinceTrim.addAndGet(bytes);
        if (moved >= BURST_BYTES && armed.compareAndSet(false, true)) {
            schedule(idleNanos);
        }
        if (moved >= TRANSFER_BYTES && roomMade.compareAndSet(false, true)) {
            makeRoom();
        }
    }

    /** On the timer thread, so the session that moved the bytes does not wait for the heap's first set-up. */
    private void makeRoom() {
        try {
            timer.execute(heap::makeRoom);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: nothing left to make room for
        }
    }

    private void schedule(long delayNanos) {
        try {
            timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            armed.set(false);
        }
    }

    private void check() {
        long quiet = System.nanoTime() - lastActivityNanos;
        if (quiet < idleNanos) {
            schedule(idleNanos - quiet);
            return;
        }
        movedSinceTrim.set(0);
        roomMade.set(false);
        armed.set(false);
        heap.giveBack();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (roomMade.get()) {
            // the engine goes away mid-transfer (an update of its bundle): leave the heap as configured
            heap.giveBack();
        }
    }
}
