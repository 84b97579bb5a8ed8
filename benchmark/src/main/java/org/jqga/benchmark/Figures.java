package org.jqga.benchmark;

import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/** Turns the measurements into report lines, each with the target where it sets one. */
final class Figures {

    private Figures() {
    }

    static void startup(Report report, Map<String, StartupBenchmark.Result> starts) {
        StartupBenchmark.Result qs = starts.get("qemu-ga");
        StartupBenchmark.Result js = starts.get("jqga");
        Summary jqgaCold = millis(js.cold());
        Figure.Value coldQ = Figure.Value.spread(millis(qs.cold()), 0);
        Figure.Value coldJ = Figure.Value.spread(jqgaCold, 0);
        report.add(new Figure("cold start: spawn to first answer, median [min-max]", "ms", coldQ, coldJ,
                "<= 400 ms (stretch 300)", coldJ.amount() <= 400));
        report.add(new Figure("cold start: agent CPU until first answer", "ms",
                Figure.Value.spread(cpu(qs.cold()), 0), Figure.Value.spread(cpu(js.cold()), 0), "", null));
        Figure.Value secondJ = Figure.Value.spread(millis(js.second()), 0);
        // "no slower": 5% of slack for scheduling noise between two medians
        report.add(new Figure("second start (warm bundle cache)", "ms", Figure.Value.spread(millis(qs.second()), 0),
                secondJ, "<= cold start", secondJ.amount() <= jqgaCold.median() * 1.05));
        report.add(new Figure("second start: agent CPU until first answer", "ms",
                Figure.Value.spread(cpu(qs.second()), 0), Figure.Value.spread(cpu(js.second()), 0), "", null));
    }

    static void steadyState(Report report, Map<String, Figure.Value> q, Map<String, Figure.Value> j,
                            Figure.Value update, Options options) {
        Figure.Value idleJ = j.get(Keys.IDLE_RSS);
        report.add(absolute("idle RSS after " + options.idleSeconds() + " s", "MiB", q, j, Keys.IDLE_RSS,
                "<= 64 MiB (stretch 48)", v -> v <= 64));
        report.add(absolute("peak RSS from start to idle (VmHWM)", "MiB", q, j, Keys.START_PEAK_RSS, "", null));

        for (String command : SteadyStateBenchmark.ROUND_TRIP_COMMANDS) {
            boolean ping = command.equals("guest-ping");
            report.add(relative(command + " round trip p50", "us", q, j, Keys.p50(command),
                    ping ? "ratio <= 1" : "", ping ? r -> r <= 1 : null));
            report.add(relative(command + " round trip p99", "us", q, j, Keys.p99(command), "", null));
            report.add(relative(command + " agent CPU per request", "us", q, j, Keys.cpu(command),
                    ping ? "ratio <= 1" : "", ping ? r -> r <= 1 : null));
        }
        for (String command : SteadyStateBenchmark.POLLED_COMMANDS) {
            report.add(relative(command + " agent CPU per request", "us", q, j, Keys.cpu(command), "", null));
        }
        report.add(relative("10,000 pipelined guest-pings", "req/s", q, j, Keys.PIPELINED, "ratio >= 2",
                r -> r >= 2));
        report.add(relative("pipelined guest-ping agent CPU per request", "us", q, j, Keys.PIPELINED_CPU, "", null));
        for (int chunk : new int[] {4 << 20, 64 << 10}) {
            boolean big = chunk == 4 << 20;
            String size = (big ? "4 MiB" : "64 KiB") + " chunks, median [min-max] of " + options.transferPasses();
            report.add(relative("guest-file-write, " + size, "MiB/s", q, j, Keys.fileWrite(chunk),
                    big ? "ratio >= 5" : "", big ? r -> r >= 5 : null));
            report.add(relative("guest-file-read, " + size, "MiB/s", q, j, Keys.fileRead(chunk),
                    big ? "ratio >= 5" : "", big ? r -> r >= 5 : null));
        }
        report.add(absolute("peak RSS while moving " + options.fileMiB() + " MiB", "MiB", q, j, Keys.FILE_PEAK_RSS,
                "<= 96 MiB", v -> v <= 96));
        double idle = idleJ.amount();
        report.add(absolute("RSS " + options.settleSeconds() + " s after the transfer", "MiB", q, j,
                Keys.AFTER_FILE_RSS, "near idle (<= 1.25 x idle)", v -> v <= idle * 1.25));
        report.add(new Figure("bundle update in deploy folder to new version answering", "ms",
                Figure.Value.notMeasured("-"), update, "<= 250 ms, no failed request",
                update.measured() ? update.amount() <= 250 && update.detail().startsWith("(0 of") : null));
        report.note("Agent CPU, until the first answer and per request (over all measured requests), is the agent's"
                + " threads' time on a CPU from /proc/PID/task/*/schedstat (nanoseconds), or from /proc/PID/stat"
                + " (utime+stime, " + ProcFs.clockTicksPerSecond() + " ticks/s) where a thread ended meanwhile,"
                + " marked \"(ticks)\" per request. One request at a time, most of it is the kernel waking the"
                + " agent for each request, which costs either agent alike; pipelined, the wake-ups are shared by many"
                + " requests and what is left is the agent's own work. Ratios are jqga/qemu-ga.");
    }

    private static Figure absolute(String name, String unit, Map<String, Figure.Value> q, Map<String, Figure.Value> j,
                                   String key, String target, DoublePredicate check) {
        Figure.Value jv = j.get(key);
        Boolean met = check == null || !jv.measured() ? null : check.test(jv.amount());
        return new Figure(name, unit, q.get(key), jv, target, met);
    }

    private static Figure relative(String name, String unit, Map<String, Figure.Value> q, Map<String, Figure.Value> j,
                                   String key, String target, DoublePredicate check) {
        Figure figure = new Figure(name, unit, q.get(key), j.get(key), target, null);
        Boolean met = check == null || Double.isNaN(figure.ratio()) ? null : check.test(figure.ratio());
        return new Figure(name, unit, q.get(key), j.get(key), target, met);
    }

    private static Summary millis(List<StartupBenchmark.Sample> samples) {
        return Summary.of(samples.stream().map(StartupBenchmark.Sample::millis).toList());
    }

    private static Summary cpu(List<StartupBenchmark.Sample> samples) {
        return Summary.of(samples.stream().map(StartupBenchmark.Sample::cpuMillis).toList());
    }
}
