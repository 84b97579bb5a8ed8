package org.jqga.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One long-lived agent: idle memory, round trips, pipelined throughput, file transfer and the memory it takes.
 * Results are keyed by figure (see {@link Keys}); a figure the agent cannot produce (a command it lacks) is
 * recorded as not measured, with the reason.
 */
final class SteadyStateBenchmark {

    private static final long WARM_UP_MIB = 16;

    static final String[] ROUND_TRIP_COMMANDS = {"guest-ping", "guest-info", "guest-get-osinfo"};
    private static final int PIPELINED = 10_000;

    private final Options options;
    private final Map<String, Figure.Value> values = new LinkedHashMap<>();

    private SteadyStateBenchmark(Options options) {
        this.options = options;
    }

    static Map<String, Figure.Value> run(AgentKind agent, Options options, Path work) throws IOException,
            InterruptedException {
        SteadyStateBenchmark benchmark = new SteadyStateBenchmark(options);
        Path directory = Files.createDirectories(work.resolve(agent.name() + "-steady"));
        try (AgentProcess process = AgentProcess.start(agent, directory);
             QgaConnection connection = process.awaitFirstAnswer()) {
            benchmark.measure(process, connection, directory);
        }
        return benchmark.values;
    }

    private void measure(AgentProcess process, QgaConnection connection, Path directory) throws IOException,
            InterruptedException {
        long pid = process.pid();
        String name = process.kind().name();
        Progress.say(name + ": idle for " + options.idleSeconds() + " s");
        Thread.sleep(options.idleSeconds() * 1000L);
        values.put(Keys.IDLE_RSS, Figure.Value.of(ProcFs.rssKib(pid) / 1024.0));
        values.put(Keys.START_PEAK_RSS, Figure.Value.of(ProcFs.peakRssKib(pid) / 1024.0));

        for (String command : ROUND_TRIP_COMMANDS) {
            Progress.say(name + ": " + options.requests() + " x " + command);
            roundTrips(pid, connection, command);
        }
        Progress.say(name + ": " + PIPELINED + " pipelined pings");
        values.put(Keys.PIPELINED, Figure.Value.of(pipelined(connection)));

        // steady state, as for the round trips' warm-up requests: a first transfer pays for compiling its code
        Progress.say(name + ": warming up with " + WARM_UP_MIB + " MiB through guest-file-*");
        FileTransfer warmUp = new FileTransfer(connection, directory.resolve("warm-up.bin"), WARM_UP_MIB << 20);
        warmUp.write(4 << 20);
        warmUp.read(4 << 20);
        Files.deleteIfExists(directory.resolve("warm-up.bin"));

        ProcFs.resetPeak(pid);
        long bytes = options.fileMiB() * 1024L * 1024L;
        Progress.say(name + ": moving " + options.fileMiB() + " MiB through guest-file-*, passes per chunk size: "
                + options.transferPasses());
        try (RssSampler sampler = new RssSampler(pid)) {
            FileTransfer transfer = new FileTransfer(connection, directory.resolve("transfer.bin"), bytes);
            for (int chunk : new int[] {4 << 20, 64 << 10}) {
                transferPasses(transfer, chunk);
            }
            long peak = Math.max(ProcFs.peakRssKib(pid), sampler.maxKib());
            values.put(Keys.FILE_PEAK_RSS, Figure.Value.of(peak / 1024.0));
        } finally {
            Files.deleteIfExists(directory.resolve("transfer.bin"));
        }
        Progress.say(name + ": waiting " + options.settleSeconds() + " s after the transfer");
        Thread.sleep(options.settleSeconds() * 1000L);
        values.put(Keys.AFTER_FILE_RSS, Figure.Value.of(ProcFs.rssKib(pid) / 1024.0));
    }

    /**
     * The median of several passes, each writing the file and reading it back: on two cores one pass of a fast agent
     * lasts a tenth of a second, and a single one showed whatever else ran then (the client's own compiler in the
     * first pass, the kernel flushing the file written just before).
     */
    private void transferPasses(FileTransfer transfer, int chunk) throws IOException {
        double[] writes = new double[options.transferPasses()];
        double[] reads = new double[writes.length];
        for (int pass = 0; pass < writes.length; pass++) {
            writes[pass] = transfer.write(chunk);
            reads[pass] = transfer.read(chunk);
        }
        values.put(Keys.fileWrite(chunk), Figure.Value.spread(Summary.of(writes), 0));
        values.put(Keys.fileRead(chunk), Figure.Value.spread(Summary.of(reads), 0));
    }

    private void roundTrips(long pid, QgaConnection connection, String command) throws IOException {
        String request = "{\"execute\":\"" + command + "\"}";
        String first = connection.request(request);
        if (!first.startsWith("{\"return\"")) {
            Figure.Value failed = Figure.Value.notMeasured("error");
            values.put(Keys.p50(command), failed);
            values.put(Keys.p99(command), failed);
            values.put(Keys.cpu(command), failed);
            return;
        }
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < options.warmup(); i++) {
            exchange(connection, bytes, request);
        }
        double[] micros = new double[options.requests()];
        long cpuBefore = ProcFs.cpuMicros(pid);
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            exchange(connection, bytes, request);
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        long cpuAfter = ProcFs.cpuMicros(pid);
        Summary summary = Summary.of(micros);
        values.put(Keys.p50(command), Figure.Value.of(summary.median()));
        values.put(Keys.p99(command), Figure.Value.of(summary.p99()));
        values.put(Keys.cpu(command), Figure.Value.of((cpuAfter - cpuBefore) / (double) micros.length));
    }

    private static void exchange(QgaConnection connection, byte[] request, String text) throws IOException {
        connection.send(request);
        Replies.requireReturn(text, connection.readLine());
    }

    /** Requests per second for a batch of pings written at once while a second thread reads the replies. */
    private static double pipelined(QgaConnection connection) throws IOException, InterruptedException {
        pipelinedBatch(connection, PIPELINED / 10);
        return pipelinedBatch(connection, PIPELINED);
    }

    private static double pipelinedBatch(QgaConnection connection, int count) throws IOException,
            InterruptedException {
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
