package org.jqga.benchmark;

/**
 * Polls VmRSS in the background and keeps the highest value seen: VmHWM misses a peak that ends in memory given back
 * with madvise rather than unmapped. Every 20 ms: a transfer's memory stays until the agent has been idle a while,
 * and reading both agents' status every 2 ms took a core's share that a transfer keeping both cores busy missed
 * (4 MiB read loops 1123-1171 MiB/s with it, 1084-1448 without).
 */
final class RssSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 20;

    private final long pid;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxKib;

    RssSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::sample, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            try {
                maxKib = Math.max(maxKib, ProcFs.rssKib(pid));
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    long maxKib() {
        return maxKib;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
