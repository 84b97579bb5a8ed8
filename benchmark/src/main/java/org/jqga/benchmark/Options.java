package org.jqga.benchmark;

import java.nio.file.Path;

/** The command line of the benchmark. */
record Options(Path jqga, Path qemuGa, Path javaHome, int runs, int requests, int warmup, int idleSeconds,
               int settleSeconds, int fileMiB, int transferPasses, Path json, boolean keep, boolean startupOnly,
               Path exampleBundle, String jqgaJavaOptions, int soakMinutes, int sampleSeconds) {

    static final String USAGE = """
            usage: java -jar jqga-benchmark.jar --jqga PATH [options]
              --jqga PATH          jqga's start script (distribution/target/jqga/bin/jqga)
              --qemu-ga PATH       qemu-ga to compare with (default /usr/sbin/qemu-ga)
              --java-home DIR      JAVA_HOME for jqga (default: what bin/jqga finds)
              --jqga-java-opts S   JVM options added to bin/jqga's (its JQGA_EXTRA_JAVA_OPTS), to try flags
              --runs N             cold and second starts per agent (default 7)
              --requests N         measured round trips per command (default 5000)
              --idle-seconds N     idle time before reading the idle RSS (default 10)
              --file-mib N         size of the file moved per chunk size (default 64)
              --transfer-passes N  times the file is written and read per chunk size; the figure is the median
                                   (default 5)
              --example-bundle JAR the deploy-folder figure's bundle (examples/disk-usage/target/*.jar)
              --json PATH          also write the figures as JSON to PATH
              --quick              fewer runs and requests, shorter waits (a smoke test, not a result)
              --keep               keep the working directory (agent logs) under /tmp
              --startup-only       only the start figures (for trying JVM flags quickly)
              --soak MINUTES       instead of the figures: jqga alone under mixed requests for MINUTES, with RSS,
                                   threads and descriptors sampled (the long run of the reliability section)
              --sample-seconds N   the soak's sampling interval (default 60)
            """;

    static Options parse(String[] args) {
        Path jqga = null;
        Path qemuGa = Path.of("/usr/sbin/qemu-ga");
        Path javaHome = null;
        Path json = null;
        Path exampleBundle = null;
        String javaOptions = null;
        int runs = 7;
        int requests = 5000;
        int idle = 10;
        int fileMiB = 64;
        int transferPasses = 5;
        boolean keep = false;
        boolean quick = false;
        boolean startupOnly = false;
        int soakMinutes = 0;
        int sampleSeconds = 60;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--jqga" -> jqga = Path.of(value(args, ++i, arg));
                case "--qemu-ga" -> qemuGa = Path.of(value(args, ++i, arg));
                case "--java-home" -> javaHome = Path.of(value(args, ++i, arg));
                case "--runs" -> runs = positive(value(args, ++i, arg), arg);
                case "--requests" -> requests = positive(value(args, ++i, arg), arg);
                case "--idle-seconds" -> idle = positive(value(args, ++i, arg), arg);
                case "--file-mib" -> fileMiB = positive(value(args, ++i, arg), arg);
                case "--transfer-passes" -> transferPasses = positive(value(args, ++i, arg), arg);
                case "--json" -> json = Path.of(value(args, ++i, arg));
                case "--example-bundle" -> exampleBundle = Path.of(value(args, ++i, arg));
                case "--jqga-java-opts" -> javaOptions = value(args, ++i, arg);
                case "--quick" -> quick = true;
                case "--keep" -> keep = true;
                case "--startup-only" -> startupOnly = true;
                case "--soak" -> soakMinutes = positive(value(args, ++i, arg), arg);
                case "--sample-seconds" -> sampleSeconds = positive(value(args, ++i, arg), arg);
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (jqga == null) {
            throw new IllegalArgumentException("--jqga is required");
        }
        if (quick) {
            return new Options(jqga, qemuGa, javaHome, 2, 500, 100, 2, 1, 16, 1, json, keep, startupOnly,
                    exampleBundle, javaOptions, soakMinutes, sampleSeconds);
        }
        return new Options(jqga, qemuGa, javaHome, runs, requests, Math.min(1000, requests / 5), idle, 5, fileMiB,
                transferPasses, json, keep, startupOnly, exampleBundle, javaOptions, soakMinutes, sampleSeconds);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number, not " + text);
    }
}
