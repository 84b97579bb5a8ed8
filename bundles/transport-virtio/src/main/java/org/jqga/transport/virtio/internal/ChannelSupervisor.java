package org.jqga.transport.virtio.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a channel on the channel thread and decides what a failure means, as qemu-ga does: without
 * retry-path a channel that cannot be opened or fails stops the agent; with retry-path it is
 * re-opened every {@code retryInterval} (qemu-ga: 5 s).
 */
final class ChannelSupervisor implements Runnable {

    static final Duration QEMU_GA_RETRY_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSupervisor.class);

    private final Channel channel;
    private final String description;
    private final boolean retry;
    private final Duration retryInterval;
    private final Runnable stopAgent;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param description names the channel in log lines, e.g. "unix-listen channel /run/qga.sock" */
    ChannelSupervisor(Channel channel, String description, boolean retry, Duration retryInterval, Runnable stopAgent) {
        this.channel = channel;
        this.description = description;
        this.retry = retry;
        this.retryInterval = retryInterval;
        this.stopAgent = stopAgent;
    }

    @Override
    public void run() {
        String lastFailure = null;
        while (!isClosed()) {
            try {
                channel.serve();
                return;
            } catch (IOException | RuntimeException e) {
                if (isClosed()) {
                    return;
                }
                String failure = description + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString());
                if (e instanceof RuntimeException) {
                    LOG.error("{} failed", description, e);
                }
                if (!retry) {
                    LOG.error("{}; stopping the agent (retry-path is off)", failure);
                    stopAgent.run();
                    return;
                }
                // log a failure once, not every retry interval, until it changes
                if (!failure.equals(lastFailure)) {
                    LOG.error("{}; retrying every {} ms", failure, retryInterval.toMillis());
                    lastFailure = failure;
                } else {
                    LOG.debug("still failing: {}", failure);
                }
                if (awaitClosed(retryInterval)) {
                    return;
                }
            }
        }
    }

    void close() {
        closed.countDown();
        channel.close();
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    private boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
