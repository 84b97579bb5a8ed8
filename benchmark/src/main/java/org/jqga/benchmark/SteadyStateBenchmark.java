package org.jqga.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One long-lived agent of each kind: idle memory, round trips, pipelined throughput, file transfer and the memory it
 * takes. Both agents run side by side, and every measurement alternates between them in rounds, so that a slow spell
 * of the machine (two cores shared with whatever else runs) falls on both rather than on whichever agent was measured
 * then: runs one agent after the other had shown one agent's whole file transfer phase slower by half, and jqga's
 * guest-ping CPU at 2.2 times qemu-ga's in one run and 1.16 times in the next (waking a sleeping agent costs 10 to
 * 25 us on a Firecracker guest, depending on whether the scheduler put it on the client's core, which changed every
 * few seconds).
 * Results are keyed by figure (see {@link Keys}); a figure the agent cannot produce (a command it lacks) is
 * recorded as not measured, with the reason.
 */
final class SteadyStateBenchmark {

    private static final long WARM_UP_MIB = 16;

    static final String[] ROUND_TRIP_COMMANDS = {"guest-ping", "guest-info", "guest-get-osinfo"};
    /** What else KubeVirt asks every VM's agent every few seconds: CPU paid in every guest of a fleet. */
    static final String[] POLLED_COMMANDS = {"guest-get-host-name", "guest-get-timezone", "guest-get-users",
        "guest-get-fsinfo", "guest-network-get-interfaces"};
    private static final int PIPELINED = 10_000;
    /** Rounds per command, alternating between the agents; the requests are spread over them. */
    private static final int ROUNDS = 10;
    private static final int[] CHUNKS = {4 << 20, 64 << 10};

    private final Options options;

    private SteadyStateBenchmark(Options options) {
        this.options = options;
    }

    /** One agent and what was measured of it. */
    private record Session(AgentProcess process, QgaConnection connection, Path directory,
                           Map<String, Figure.Value> values) implements AutoCloseable {

        String name() {
            return process.kind().name();
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                connection.close();
            } finally {
                process.close();
            }
        }
    }

    /** @return the figures of each agent, in the order of {@code agents} */
    static List<Map<String, Figure.Value>> run(List<AgentKind> agents, Options options, Path work) throws IOException,
            InterruptedException {
        SteadyStateBenchmark benchmark = new SteadyStateBenchmark(options);
        List<Session> sessions = new ArrayList<>();
        try {
            for (AgentKind agent : agents) {
                Path directory = Files.createDirectories(work.resolve(agent.name() + "-steady"));
                AgentProcess process = AgentProcess.start(agent, directory);
                try {
                    sessions.add(new Session(process, process.awaitFirstAnswer(), directory, new LinkedHashMap<>()));
                } catch (IOException | RuntimeException e) {
                    process.close();
                    throw e;
                }
            }
            benchmark.requests(sessions);
            benchmark.transfers(sessions);
            benchmark.polled(sessions);
            List<Map<String, Figure.Value>> values = new ArrayList<>();
            sessions.forEach(session -> values.add(session.values()));
            return values;
        } finally {
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    private void requests(List<Session> sessions) throws IOException, InterruptedException {
        Progress.say("both agents idle for " + options.idleSeconds() + " s");
        Thread.sleep(options.idleSeconds() * 1000L);
        for (Session session : sessions) {
            session.values().put(Keys.IDLE_RSS, Figure.Value.of(ProcFs.rssKib(session.pid()) / 1024.0));
            session.values().put(Keys.START_PEAK_RSS, Figure.Value.of(ProcFs.peakRssKib(session.pid()) / 1024.0));
        }
        for (String command : ROUND_TRIP_COMMANDS) {
            roundTrips(sessions, command);
        }
        Progress.say(PIPELINED + " pipelined pings, each agent in turn");
        for (Session session : sessions) {
            pipelinedBatch(session, PIPELINED / 10);
        }
        for (Session session : sessions) {
            CpuMeter cpu = CpuMeter.start(session.pid());
            session.values().put(Keys.PIPELINED, Figure.Value.of(pipelinedBatch(session, PIPELINED)));
            CpuMeter.Reading used = cpu.read();
            session.values().put(Keys.PIPELINED_CPU, new Figure.Value(used.micros() / PIPELINED,
                    used.precise() ? "" : "(ticks)"));
        }
    }

    /**
     * After the transfers and the RSS taken after them: the code and results of these commands are not a transfer's
     * memory, which that figure is about.
     */
    private void polled(List<Session> sessions) throws IOException {
        for (String command : POLLED_COMMANDS) {
            roundTrips(sessions, command);
        }
    }

    private void transfers(List<Session> sessions) throws IOException, InterruptedException {
        // steady state, as for the round trips' warm-up requests: a first transfer pays for compiling its code. Each
        // chunk size is warmed up as it is measured; the 64 KiB chunks also make the requests many (256 each way), as
        // a JIT compiles a method once it has run a few hundred times: with 4 MiB chunks alone (4 requests), jqga's
        // per-request file path was still being compiled during the measured passes
        for (Session session : sessions) {
            Progress.say(session.name() + ": warming up with " + WARM_UP_MIB
                    + " MiB through guest-file-* per chunk size");
            FileTransfer warmUp = new FileTransfer(session.connection(), session.directory().resolve("warm-up.bin"),
                    WARM_UP_MIB << 20);
            for (int chunk : CHUNKS) {
                warmUp.write(chunk);
                warmUp.read(chunk);
            }
            Files.deleteIfExists(session.directory().resolve("warm-up.bin"));
            ProcFs.resetPeak(session.pid());
        }
        long bytes = options.fileMiB() * 1024L * 1024L;
        Progress.say("moving " + options.fileMiB() + " MiB through guest-file-*, passes per chunk size: "
                + options.transferPasses() + ", each agent in turn");
        List<RssSampler> samplers = new ArrayList<>();
        try {
            List<FileTransfer> transfers = new ArrayList<>();
            for (Session session : sessions) {
                samplers.add(new RssSampler(session.pid()));
                transfers.add(new FileTransfer(session.connection(), session.directory().resolve("transfer.bin"), bytes));
            }
            for (int chunk : CHUNKS) {
                transferPasses(sessions, transfers, chunk);
            }
            for (int i = 0; i < sessions.size(); i++) {
                long peak = Math.max(ProcFs.peakRssKib(sessions.get(i).pid()), samplers.get(i).maxKib());
                sessions.get(i).values().put(Keys.FILE_PEAK_RSS, Figure.Value.of(peak / 1024.0));
            }
        } finally {
            for (RssSampler sampler : samplers) {
                sampler.close();
            }
            for (Session session : sessions) {
                Files.deleteIfExists(session.directory().resolve("transfer.bin"));
            }
        }
        Progress.say("waiting " + options.settleSeconds() + " s after the transfers");
        Thread.sleep(options.settleSeconds() * 1000L);
        for (Session session : sessions) {
            session.values().put(Keys.AFTER_FILE_RSS, Figure.Value.of(ProcFs.rssKib(session.pid()) / 1024.0));
        }
    }

    /**
     * The median of several passes: on two cores one pass of a fast agent lasts a tenth of a second, and a single one
     * showed whatever else ran then (the client's own compiler in the first pass, the kernel flushing the file written
     * just before). The write passes come first, then the read passes of the file as the last one left it: right after
     * a 64 MiB write, even another process's dd, reads were a third slower on a Firecracker guest (read loops 910-930
     * MiB/s against 1330-1370), whichever agent read; that was the guest's memory after the write, not the reader.
     */
    private void transferPasses(List<Session> sessions, List<FileTransfer> transfers, int chunk) throws IOException {
        int passes = options.transferPasses();
        double[][] writes = new double[sessions.size()][passes];
        double[][] reads = new double[sessions.size()][passes];
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < sessions.size(); i++) {
                writes[i][pass] = transfers.get(i).write(chunk);
                transfers.get(i).flushToDisk();
            }
        }
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < sessions.size(); i++) {
                reads[i][pass] = transfers.get(i).read(chunk);
            }
        }
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).values().put(Keys.fileWrite(chunk), Figure.Value.spread(Summary.of(writes[i]), 0));
            sessions.get(i).values().put(Keys.fileRead(chunk), Figure.Value.spread(Summary.of(reads[i]), 0));
        }
    }

    /** The measured requests of one agent for one command, collected over the rounds. */
    private static final class RoundTrips {
        private final double[] micros;
        private int done;
        private double cpuMicros;
        private boolean precise = true;

        RoundTrips(int requests) {
            micros = new double[requests];
        }
    }

    private void roundTrips(List<Session> sessions, String command) throws IOException {
        Progress.say(options.requests() + " x " + command + ", in " + ROUNDS + " rounds per agent, taking turns");
        String request = "{\"execute\":\"" + command + "\"}";
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        List<Session> answering = new ArrayList<>();
        List<RoundTrips> measured = new ArrayList<>();
        for (Session session : sessions) {
            String first = session.connection().request(request);
            if (!first.startsWith("{\"return\"")) {
                Figure.Value failed = Figure.Value.notMeasured("error");
                session.values().put(Keys.p50(command), failed);
                session.values().put(Keys.p99(command), failed);
                session.values().put(Keys.cpu(command), failed);
                continue;
            }
            for (int i = 0; i < options.warmup(); i++) {
                exchange(session.connection(), bytes, request);
            }
            answering.add(session);
            measured.add(new RoundTrips(options.requests()));
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int a = 0; a < answering.size(); a++) {
                RoundTrips trips = measured.get(a);
                int until = (int) ((long) trips.micros.length * (round + 1) / ROUNDS);
                QgaConnection connection = answering.get(a).connection();
                CpuMeter cpu = CpuMeter.start(answering.get(a).pid());
                for (; trips.done < until; trips.done++) {
                    long start = System.nanoTime();
                    exchange(connection, bytes, request);
                    trips.micros[trips.done] = (System.nanoTime() - start) / 1e3;
                }
                CpuMeter.Reading used = cpu.read();
                trips.cpuMicros += used.micros();
                trips.precise &= used.precise();
            }
        }
        for (int a = 0; a < answering.size(); a++) {
            RoundTrips trips = measured.get(a);
            Map<String, Figure.Value> values = answering.get(a).values();
            Summary summary = Summary.of(trips.micros);
            values.put(Keys.p50(command), Figure.Value.of(summary.median()));
            values.put(Keys.p99(command), Figure.Value.of(summary.p99()));
            values.put(Keys.cpu(command), new Figure.Value(trips.cpuMicros / trips.micros.length,
                    trips.precise ? "" : "(ticks)"));
        }
    }

    private static void exchange(QgaConnection connection, byte[] request, String text) throws IOException {
        connection.send(request);
        Replies.requireReturn(text, connection.readLine());
    }

    /** Requests per second for a batch of pings written at once while a second thread reads the replies. */
    private static double pipelinedBatch(Session session, int count) throws IOException, InterruptedException {
        QgaConnection connection = session.connection();
        byte[] batch = AgentProcess.PING.repeat(count).getBytes(StandardCharsets.US_ASCII);
        Thread writer = new Thread(() -> {
            try {
                connection.send(batch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "pipelined-writer");
        long start = System.nanoTime();
        writer.start();
        for (int i = 0; i < count; i++) {
            Replies.requireReturn("pipelined guest-ping", connection.readLine());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writer.join();
        return count / seconds;
    }
}
