package org.jqga.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jqga.api.audit.RequestObserver;
import org.jqga.api.audit.RequestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes records on the request path without ever blocking it (a bounded queue; when full the record is counted as
 * dropped) and writes them from one thread. While filesystems are frozen the writer holds everything in memory (the
 * queue is the bound) and writes nothing, since a write there would block until thaw; after thaw it catches up and
 * a "dropped" line reports what the bound cost.
 */
final class AuditQueue implements RequestObserver, AutoCloseable {

    static final int BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(AuditQueue.class);

    private final BlockingQueue<RequestRecord> queue;
    private final AuditSink sink;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final Object frozenLock = new Object();
    private final Thread writer;
    private boolean frozen;
    private volatile boolean closed;
    private boolean sinkFailing;

    AuditQueue(int capacity, AuditSink sink, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.clock = clock;
        this.writer = new Thread(this::run, "jqga-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void requestCompleted(RequestRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    void frozen(boolean nowFrozen) {
        synchronized (frozenLock) {
            frozen = nowFrozen;
            frozenLock.notifyAll();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        List<RequestRecord> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                RequestRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                awaitThaw();
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void awaitThaw() throws InterruptedException {
        synchronized (frozenLock) {
            while (frozen && !closed) {
                frozenLock.wait(1000);
            }
        }
    }

    private void write(List<RequestRecord> batch) {
        List<String> lines = new ArrayList<>(batch.size() + 1);
        for (RequestRecord record : batch) {
            lines.add(AuditLine.of(record));
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            lines.add(AuditLine.dropped(clock.instant(), lost));
            LOG.warn("audit queue was full: {} records dropped (org.jqga.auditQueue sets its size)", lost);
        }
        try {
            sink.write(lines);
            if (sinkFailing) {
                sinkFailing = false;
                LOG.info("audit log writable again");
            }
        } catch (IOException | RuntimeException e) {
            dropped.addAndGet(batch.size());
            if (!sinkFailing) {
                sinkFailing = true;
                LOG.error("cannot write the audit log; records are counted as dropped until it works again: {}", e.toString());
            }
        }
    }

    /** Writes what is queued (unless frozen), then stops. */
    @Override
    public void close() {
        closed = true;
        synchronized (frozenLock) {
            frozenLock.notifyAll();
        }
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }
}
