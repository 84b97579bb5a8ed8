package org.jqga.benchmark;

/** Polls VmRSS every few milliseconds in the background and keeps the highest value seen. */
final class RssSampler implements AutoCloseable {

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
                Thread.sleep(2);
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
