package org.jqga.transport.virtio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The handles a channel's serving thread has open. Closing them from another thread is what
 * unblocks that thread: a NIO channel blocked in accept, read or write fails with
 * {@link AsynchronousCloseException} when it is closed.
 */
final class OpenHandles {

    private final List<Closeable> open = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Keeps {@code handle} until {@link #release}; once closed, closes it at once and throws. */
    <T extends Closeable> T add(T handle) throws AsynchronousCloseException {
        synchronized (open) {
            if (!isClosed()) {
                open.add(handle);
                return handle;
            }
        }
        closeQuietly(handle);
        throw new AsynchronousCloseException();
    }

    void release(Closeable handle) {
        synchronized (open) {
            open.remove(handle);
        }
        closeQuietly(handle);
    }

    void closeAll() {
        List<Closeable> toClose;
        synchronized (open) {
            closed.countDown();
            toClose = new ArrayList<>(open);
            open.clear();
        }
        toClose.forEach(OpenHandles::closeQuietly);
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true if closed meanwhile (an interrupt counts as closing). */
    boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void closeQuietly(Closeable handle) {
        try {
            handle.close();
        } catch (IOException e) {
            // nothing to do: the handle is gone either way
        }
    }
}
