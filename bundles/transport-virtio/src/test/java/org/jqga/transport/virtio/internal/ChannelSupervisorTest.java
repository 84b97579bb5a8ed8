package org.jqga.transport.virtio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelSupervisorTest {

    private final AtomicInteger agentStops = new AtomicInteger();

    /** Fails its first {@code failures} serve() calls, then serves until closed. */
    private static final class FlakyChannel implements Channel {
        final AtomicInteger serves = new AtomicInteger();
        final CountDownLatch served = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        private final int failures;

        FlakyChannel(int failures) {
            this.failures = failures;
        }

        @Override
        public void serve() throws IOException {
            if (serves.incrementAndGet() <= failures) {
                throw new IOException("device is not there");
            }
            served.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void withoutRetryPathAFailureStopsTheAgent() throws Exception {
        FlakyChannel channel = new FlakyChannel(1);
        Thread thread = run(new ChannelSupervisor(channel, "test channel", false, Duration.ofMillis(10),
                agentStops::incrementAndGet));
        thread.join(5000);
        assertFalse(thread.isAlive());
        assertEquals(1, agentStops.get());
        assertEquals(1, channel.serves.get(), "no retry without retry-path");
    }

    @Test
    void withRetryPathFailuresAreRetriedUntilTheChannelServes() throws Exception {
        FlakyChannel channel = new FlakyChannel(3);
        ChannelSupervisor supervisor = new ChannelSupervisor(channel, "test channel", true, Duration.ofMillis(50),
                agentStops::incrementAndGet);
        Thread thread = run(supervisor);
        assertTrue(channel.served.await(5, TimeUnit.SECONDS));
        assertEquals(4, channel.serves.get());
        supervisor.close();
        thread.join(5000);
        assertFalse(thread.isAlive());
        assertEquals(0, agentStops.get());
    }

    @Test
    void closeEndsTheRetryWaitAtOnce() throws Exception {
        FlakyChannel channel = new FlakyChannel(Integer.MAX_VALUE);
        ChannelSupervisor supervisor = new ChannelSupervisor(channel, "test channel", true, Duration.ofMinutes(5),
                agentStops::incrementAndGet);
        Thread thread = run(supervisor);
        while (channel.serves.get() == 0) {
            Thread.sleep(10);
        }
        supervisor.close();
        thread.join(2000);
        assertFalse(thread.isAlive(), "close() must not wait out the retry interval");
        assertEquals(0, agentStops.get());
    }

    private static Thread run(ChannelSupervisor supervisor) {
        Thread thread = new Thread(supervisor, "test-supervisor");
        thread.start();
        return thread;
    }
}
