package org.jqga.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** benchmark/run: jqga against qemu-ga on this machine, figure by figure, with the targets. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("jqga-benchmark: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        AgentKind qemuGa = new AgentKind("qemu-ga", options.qemuGa(), Map.of());
        Map<String, String> jqgaEnvironment = new HashMap<>();
        if (options.javaHome() != null) {
            jqgaEnvironment.put("JAVA_HOME", options.javaHome().toString());
        }
        if (options.jqgaJavaOptions() != null) {
            jqgaEnvironment.put("JQGA_EXTRA_JAVA_OPTS", options.jqgaJavaOptions());
        }
        AgentKind jqga = new AgentKind("jqga", options.jqga().toAbsolutePath(), Map.copyOf(jqgaEnvironment));
        Path work = Files.createTempDirectory("jqga-benchmark-");
        Progress.say("working in " + work);
        String loadBefore = loadAverage();
        try {
            if (options.soakMinutes() > 0) {
                SoakRun.run(jqga, options.soakMinutes(), options.sampleSeconds(), work);
                return;
            }
            Report report = new Report();
            Map<String, StartupBenchmark.Result> starts = StartupBenchmark.run(List.of(qemuGa, jqga), options.runs(),
                    work);
            Figures.startup(report, starts);
            if (!options.startupOnly()) {
                List<Map<String, Figure.Value>> steady = SteadyStateBenchmark.run(List.of(qemuGa, jqga), options, work);
                Map<String, Figure.Value> q = steady.get(0);
                Map<String, Figure.Value> j = steady.get(1);
                Figure.Value update = HotDeployBenchmark.run(jqga, options.exampleBundle(), work);
                Figures.steadyState(report, q, j, update, options);
            }

            System.out.println("jqga benchmark: " + describe(options, jqga));
            System.out.println("load average before: " + loadBefore + ", after: " + loadAverage());
            System.out.println();
            report.printTable(System.out);
            if (options.json() != null) {
                Files.writeString(options.json(), report.toJson());
            }
        } finally {
            if (options.keep()) {
                System.err.println("working directory kept: " + work);
            } else {
                deleteRecursively(work);
            }
        }
    }

    private static String describe(Options options, AgentKind jqga) {
        Path java = options.javaHome() != null ? options.javaHome().resolve("bin/java") : Path.of("java");
        return Runtime.getRuntime().availableProcessors() + " CPUs; jqga on " + firstLine(java.toString(), "-version")
                + (options.jqgaJavaOptions() == null ? "" : " with " + options.jqgaJavaOptions())
                + "; " + firstLine(options.qemuGa().toString(), "-V") + "; " + options.runs() + " start runs, "
                + options.requests() + " requests per command, " + options.fileMiB() + " MiB per file transfer";
    }

    private static String firstLine(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out.lines().findFirst().orElse("?").trim();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
