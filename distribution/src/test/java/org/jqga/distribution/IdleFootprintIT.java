package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps an idle agent small (README, "JVM flags"): the class-data archive the build trained, in two layers, is
 * what a start maps, SCR's classes come out of it rather than from the bundle's jar, and neither the framework's
 * resolver pool nor guest-exec's sweeper (no program runs) has a thread.
 */
class IdleFootprintIT {

    @TempDir
    Path scratch;

    private static final Path CDS = AgentProcess.DISTRIBUTION.resolve("lib/cds");

    @Test
    void aStartMapsBothArchiveLayersTakesScrFromThemAndKeepsNoIdleThreads() throws Exception {
        List<String> archives = archiveFiles();
        assertEquals(2, archives.size(), "a base and a top layer for the build's JVM, nothing else: " + archives);
        String base = archives.stream().filter(name -> name.endsWith("-base.jsa")).findFirst().orElseThrow();
        String top = archives.stream().filter(name -> !name.equals(base)).findFirst().orElseThrow();

        Path classLog = scratch.resolve("classes.log");
        try (AgentProcess agent = AgentProcess.jqgaWithJavaOptions("-Xlog:class+load=info:file=" + classLog);
             QgaClient client = agent.connect()) {
            assertTrue(client.request("{\"execute\":\"guest-ping\"}").contains("\"return\""));

            String maps = Files.readString(Path.of("/proc/" + agent.pid() + "/maps"));
            assertTrue(maps.contains(CDS.toRealPath().resolve(base).toString()), "base layer not mapped");
            assertTrue(maps.contains(CDS.toRealPath().resolve(top).toString()), "top layer not mapped");

            List<String> threads = threadNames(agent.pid());
            // /proc shows the first 15 characters of a thread's name
            assertTrue(threads.stream().noneMatch(name -> name.startsWith("FelixResolver")
                    || name.startsWith("jqga-exec-sweep")), threads.toString());
        }
        try {
            String activator = Files.readAllLines(classLog).stream()
                    .filter(line -> line.contains(" org.apache.felix.scr.impl.Activator "))
                    .findFirst().orElseThrow(() -> new AssertionError("SCR's activator was never loaded"));
            assertTrue(activator.contains("source: shared objects file (top)"), activator);
        } finally {
            Files.deleteIfExists(classLog);
        }
    }

    private static List<String> archiveFiles() throws IOException {
        try (Stream<Path> files = Files.list(CDS)) {
            // beside them the training's bundle cache (bundle-cache/, WarmStartIT)
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".jsa")).sorted().toList();
        }
    }

    private static List<String> threadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                names.add(Files.readString(task.resolve("comm")).strip());
            }
        }
        return names;
    }
}
