package org.jqga.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The meter on this test's own JVM, against the JVM's count of one busy thread's CPU time. */
class CpuMeterTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Short enough for Linux's 15-character thread names. */
    private static final String THREAD_NAME = "cpu-meter-test";

    @Test
    void countsABusyThreadToWellUnderOneClockTick() {
        // the JVM's compiler and collector threads add their time to some stretches, mostly while this test's code
        // is new to it: the best of twenty shows the meter's own resolution
        spin(50_000_000);
        double leastExcessMicros = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 20; attempt++) {
            CpuMeter meter = CpuMeter.start(PID);
            long spentNanos = spin(3_000_000);
            CpuMeter.Reading reading = meter.read();

            assertTrue(reading.precise(), "every thread alive at the start still is");
            double excess = reading.micros() - spentNanos / 1000.0;
            assertTrue(excess > -200, reading.micros() + " us against " + spentNanos / 1000 + " us spent");
            leastExcessMicros = Math.min(leastExcessMicros, excess);
        }
        assertTrue(leastExcessMicros < 2_000, "a clock tick is 10,000 us; least excess " + leastExcessMicros + " us");
    }

    @Test
    void fallsBackToClockTicksWhenAThreadEndsMeanwhile() throws InterruptedException, IOException {
        Thread shortLived = new Thread(() -> spin(20_000_000), THREAD_NAME);
        shortLived.start();
        Path task = awaitTask(THREAD_NAME);
        CpuMeter meter = CpuMeter.start(PID);
        shortLived.join();
        // Java's join returns before Linux has released the thread
        while (Files.exists(task)) {
            Thread.sleep(1);
        }
        CpuMeter.Reading reading = meter.read();

        assertFalse(reading.precise(), "the ended thread's time is only in the ticks");
        assertTrue(reading.micros() >= 0);
    }

    @Test
    void fromTheProcessStartAgreesWithTheClockTicks() {
        spin(30_000_000);
        long ticksBefore = ProcFs.cpuMicros(PID);
        CpuMeter.Reading reading = CpuMeter.sinceProcessStart(PID);
        long ticksAfter = ProcFs.cpuMicros(PID);

        assertTrue(reading.micros() >= THREADS.getCurrentThreadCpuTime() / 1000.0 - ProcFs.microsPerTick(),
                "at least this thread's own time: " + reading.micros() + " us");
        assertTrue(reading.micros() >= ticksBefore - ProcFs.microsPerTick(), reading + " against " + ticksBefore);
        if (reading.precise()) {
            // utime and stime are each cut down to whole ticks
            assertTrue(reading.micros() < ticksAfter + 2 * ProcFs.microsPerTick(), reading + " against " + ticksAfter);
        } else {
            assertTrue(reading.micros() >= ticksBefore && reading.micros() <= ticksAfter, reading.toString());
        }
    }

    /** Burns this thread's CPU for at least the given time; returns what it burnt, by the JVM's count. */
    private static long spin(long nanos) {
        long start = THREADS.getCurrentThreadCpuTime();
        long sink = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < nanos) {
            sink += System.nanoTime() % 7;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    /** The /proc entry of this JVM's thread of that name, once it runs. */
    private static Path awaitTask(String name) throws InterruptedException, IOException {
        while (true) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path task : tasks) {
                    try {
                        if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                            return task;
                        }
                    } catch (NoSuchFileException endedMeanwhile) {
                        // another thread of the JVM
                    }
                }
            }
            Thread.sleep(1);
        }
    }
}
