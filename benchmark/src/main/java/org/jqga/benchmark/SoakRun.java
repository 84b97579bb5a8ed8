package org.jqga.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The long run of the reliability issue: jqga alone under a mix of requests for a given time, with its RSS,
 * threads and open descriptors sampled. A leak shows as a climb between the first and the last quarter of
 * the run; the verdict compares their medians, after the first sample (warm-up) is dropped.
 */
final class SoakRun {

    /** Everything a host does in a loop, including the mistakes a buggy host makes. */
    private static final List<String> READ_ONLY = List.of(
            "{\"execute\":\"guest-ping\"}", "{\"execute\":\"guest-info\"}", "{\"execute\":\"guest-get-osinfo\"}",
            "{\"execute\":\"guest-get-fsinfo\"}", "{\"execute\":\"guest-get-users\"}",
            "{\"execute\":\"guest-network-get-interfaces\"}", "{\"execute\":\"guest-get-disks\"}",
            "{\"execute\":\"guest-get-vcpus\"}", "{\"execute\":\"guest-get-load\"}",
            "{\"execute\":\"guest-no-such-command\"}", "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":1}}");

    private SoakRun() {
    }

    static void run(AgentKind jqga, int minutes, int sampleSeconds, Path work) throws IOException, InterruptedException {
        // guest-exec stays allowed: /bin/true is harmless and its process table is one of the bounds watched
        AgentKind kind = new AgentKind(jqga.name(), jqga.executable(), jqga.environment(),
                List.of("-b", AgentKind.BLOCKED.replace("guest-exec,", "")));
        Path agentDirectory = Files.createDirectories(work.resolve("soak"));
        Path scratch = Files.createDirectories(work.resolve("soak-files"));
        List<Sample> samples = new ArrayList<>();
        try (AgentProcess agent = AgentProcess.start(kind, agentDirectory)) {
            QgaConnection connection = agent.awaitFirstAnswer();
            long end = System.nanoTime() + minutes * 60_000_000_000L;
            long nextSample = System.nanoTime();
            long requests = 0;
            long errors = 0;
            int cycle = 0;
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextSample) {
                    samples.add(Sample.of(agent.pid(), requests, errors));
                    Progress.say(samples.get(samples.size() - 1).toString());
                    nextSample += sampleSeconds * 1_000_000_000L;
                }
                cycle++;
                for (String request : READ_ONLY) {
                    requests++;
                    errors += unexpected(request, connection.request(request)) ? 1 : 0;
                }
                requests += fileRoundTrip(connection, scratch.resolve("f" + (cycle % 8)));
                requests += execRoundTrip(connection);
                // garbage, then the resync a host does after it: the errors the garbage earns are skipped, as a
                // host skips everything before the delimiter
                connection.send(new byte[] {'{', '"', (byte) 0xC3, '[', ']', '}', '\n', (byte) 0xFF});
                connection.send("{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":" + cycle + "}}");
                errors += resyncs(connection, cycle) ? 0 : 1;
                requests += 2;
                // a host polls; it does not hammer (and the machine's other work goes on)
                Thread.sleep(10);
                if (cycle % 50 == 0) {
                    connection.close();
                    connection = QgaConnection.connect(agent.socket());
                }
            }
            connection.close();
            samples.add(Sample.of(agent.pid(), requests, errors));
        }
        report(samples, minutes);
    }

    private static boolean resyncs(QgaConnection connection, int id) throws IOException {
        for (int line = 0; line < 4; line++) {
            String reply = connection.readLine();
            if (!reply.startsWith("{\"error\"")) {
                return reply.endsWith("{\"return\": " + id + "}");
            }
        }
        return false;
    }

    private static boolean unexpected(String request, String reply) {
        boolean wantsError = request.contains("no-such-command") || request.contains("guest-file-read");
        return wantsError != reply.startsWith("{\"error\"");
    }

    private static int fileRoundTrip(QgaConnection connection, Path file) throws IOException {
        byte[] data = new byte[65536];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        String open = connection.request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file + "\",\"mode\":\"w+\"}}");
        String handle = open.replaceAll("\\D", "");
        connection.request("{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + handle + ",\"buf-b64\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}}");
        connection.request("{\"execute\":\"guest-file-seek\",\"arguments\":{\"handle\":" + handle + ",\"offset\":0,\"whence\":\"set\"}}");
        connection.request("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + ",\"count\":65536}}");
        connection.request("{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
        return 5;
    }

    private static int execRoundTrip(QgaConnection connection) throws IOException {
        String started = connection.request(
                "{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/true\",\"capture-output\":true}}");
        String pid = started.replaceAll("\\D", "");
        connection.request("{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}");
        return 2;
    }

    private static void report(List<Sample> samples, int minutes) {
        System.out.println("jqga soak: " + minutes + " min; samples (elapsed s, RSS MiB, threads, descriptors, requests, unexpected replies):");
        for (Sample sample : samples) {
            System.out.println("  " + sample);
        }
        if (samples.size() < 5) {
            System.out.println("too few samples for a verdict: run longer or sample more often");
            return;
        }
        List<Sample> measured = samples.subList(1, samples.size());
        int quarter = Math.max(1, measured.size() / 4);
        Sample first = Sample.median(measured.subList(0, quarter));
        Sample last = Sample.median(measured.subList(measured.size() - quarter, measured.size()));
        System.out.printf("first quarter median: RSS %.1f MiB, %d threads, %d descriptors%n", first.rssMib(), first.threads, first.descriptors);
        System.out.printf("last quarter median:  RSS %.1f MiB, %d threads, %d descriptors%n", last.rssMib(), last.threads, last.descriptors);
        Sample end = samples.get(samples.size() - 1);
        System.out.printf("%d requests, %d unexpected replies, %.0f requests/s%n", end.requests, end.errors,
                end.requests / Math.max(1.0, end.elapsedSeconds));
    }

    private record Sample(long elapsedSeconds, long rssKib, int threads, int descriptors, long requests, long errors) {

        private static final long STARTED = System.nanoTime();

        static Sample of(long pid, long requests, long errors) throws IOException {
            int descriptors;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                descriptors = (int) fds.count();
            }
            return new Sample((System.nanoTime() - STARTED) / 1_000_000_000L, ProcFs.rssKib(pid), ProcFs.threads(pid),
                    descriptors, requests, errors);
        }

        static Sample median(List<Sample> samples) {
            return new Sample(0, samples.stream().mapToLong(Sample::rssKib).sorted().toArray()[samples.size() / 2],
                    samples.stream().mapToInt(Sample::threads).sorted().toArray()[samples.size() / 2],
                    samples.stream().mapToInt(Sample::descriptors).sorted().toArray()[samples.size() / 2], 0, 0);
        }

        double rssMib() {
            return rssKib / 1024.0;
        }

        @Override
        public String toString() {
            return String.format("%6d s  %6.1f MiB  %3d threads  %3d fds  %9d requests  %d unexpected",
                    elapsedSeconds, rssMib(), threads, descriptors, requests, errors);
        }
    }
}
