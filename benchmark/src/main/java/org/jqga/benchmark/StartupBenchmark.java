package org.jqga.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spawn to first guest-ping answer. Every run starts in a fresh state directory (cold: jqga has no bundle cache)
 * and then once more in the same directory (second start). The agents take turns run by run, so that load from
 * elsewhere on the machine hits both alike.
 */
final class StartupBenchmark {

    record Sample(double millis, double cpuMillis) {
    }

    /** Per agent name: cold samples and second-start samples. */
    record Result(List<Sample> cold, List<Sample> second) {
    }

    private StartupBenchmark() {
    }

    static Map<String, Result> run(List<AgentKind> agents, int runs, Path work) throws IOException,
            InterruptedException {
        Map<String, Result> results = new LinkedHashMap<>();
        for (AgentKind agent : agents) {
            results.put(agent.name(), new Result(new ArrayList<>(), new ArrayList<>()));
        }
        for (int run = 1; run <= runs; run++) {
            for (AgentKind agent : agents) {
                Path directory = Files.createDirectories(work.resolve(agent.name() + "-start-" + run));
                Result result = results.get(agent.name());
                result.cold().add(startOnce(agent, directory));
                result.second().add(startOnce(agent, directory));
            }
            Progress.say("start run " + run + "/" + runs + " done");
        }
        return results;
    }

    private static Sample startOnce(AgentKind agent, Path directory) throws IOException, InterruptedException {
        try (AgentProcess process = AgentProcess.start(agent, directory);
             QgaConnection connection = process.awaitFirstAnswer()) {
            long answeredAt = System.nanoTime();
            double cpuMillis = CpuMeter.sinceProcessStart(process.pid()).micros() / 1000.0;
            return new Sample((answeredAt - process.spawnedAtNanos()) / 1e6, cpuMillis);
        }
    }
}
