package org.jqga.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time an agent spends over a stretch of requests. utime+stime in /proc/PID/stat count in clock ticks
 * (10 ms at 100 ticks/s): over 5,000 pings of some 40 us each, one tick is 5% of the figure, enough to turn a met
 * target into a missed one. Each thread's /proc/PID/task/TID/schedstat counts its time on a CPU in nanoseconds, so
 * the meter adds those up; a thread that ends within the stretch takes its count with it, and then the meter falls
 * back to the ticks, which keep ended threads' time.
 */
final class CpuMeter {

    private final long pid;
    private final Map<Long, Long> threadNanosAtStart;
    private final long tickMicrosAtStart;

    private CpuMeter(long pid, Map<Long, Long> threadNanosAtStart, long tickMicrosAtStart) {
        this.pid = pid;
        this.threadNanosAtStart = threadNanosAtStart;
        this.tickMicrosAtStart = tickMicrosAtStart;
    }

    static CpuMeter start(long pid) {
        return new CpuMeter(pid, threadNanos(pid), ProcFs.cpuMicros(pid));
    }

    /** From the process's start: threads that ended before now are missing from the counters, so then the ticks. */
    static Reading sinceProcessStart(long pid) {
        long tickMicros = ProcFs.cpuMicros(pid);
        long nanos = threadNanos(pid).values().stream().mapToLong(Long::longValue).sum();
        // the kernel cuts its figure down to whole ticks, so it lies below the counters unless threads ended
        return tickMicros - nanos / 1000 > ProcFs.microsPerTick() ? new Reading(tickMicros, false)
                : new Reading(nanos / 1000.0, true);
    }

    /** CPU time since {@link #start}, in microseconds. */
    Reading read() {
        Map<Long, Long> now = threadNanos(pid);
        if (!now.keySet().containsAll(threadNanosAtStart.keySet())) {
            return new Reading(ProcFs.cpuMicros(pid) - tickMicrosAtStart, false);
        }
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : now.entrySet()) {
            nanos += thread.getValue() - threadNanosAtStart.getOrDefault(thread.getKey(), 0L);
        }
        return new Reading(nanos / 1000.0, true);
    }

    /**
     * @param precise from the threads' nanosecond counters; false when a thread ended in between and the figure
     *                comes from clock ticks
     */
    record Reading(double micros, boolean precise) {
    }

    /** Time on a CPU of each live thread, by thread id: the first field of its schedstat, in nanoseconds. */
    private static Map<Long, Long> threadNanos(long pid) {
        Map<Long, Long> threads = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
            for (Path task : entries) {
                String schedstat;
                try {
                    schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException endedMeanwhile) {
                    continue;
                }
                threads.put(Long.parseLong(task.getFileName().toString()),
                        Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the threads of " + pid + " (has the agent exited?)", e);
        }
        return threads;
    }
}
