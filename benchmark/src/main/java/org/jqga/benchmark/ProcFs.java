package org.jqga.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux tells about a running agent: resident memory and the CPU time all its threads used. */
final class ProcFs {

    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private ProcFs() {
    }

    /** VmRSS in KiB: what the process holds in RAM right now. */
    static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Threads of the process right now. */
    static int threads(long pid) {
        return (int) statusField(pid, "Threads:");
    }

    /** VmHWM in KiB: the highest VmRSS since the start or since {@link #resetPeak}. */
    static long peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** Writing 5 to clear_refs sets VmHWM back to the current VmRSS (Linux 4.0 and later; needs to own the process). */
    static void resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak RSS of " + pid, e);
        }
    }

    /** utime + stime of every thread, alive or ended, in microseconds (the kernel counts in clock ticks). */
    static long cpuMicros(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name is in parentheses and may contain spaces: fields are counted after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    static long clockTicksPerSecond() {
        return CLOCK_TICKS_PER_SECOND;
    }

    static long microsPerTick() {
        return 1_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    private static long statusField(long pid, String name) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException(name + " missing in /proc/" + pid + "/status");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the agent exited?)", e);
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to Linux's usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
