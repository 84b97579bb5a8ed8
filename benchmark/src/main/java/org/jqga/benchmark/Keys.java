package org.jqga.benchmark;

/** Names of the per-agent figures the benchmarks fill in. */
final class Keys {

    static final String COLD_START = "cold-start";
    static final String COLD_START_CPU = "cold-start-cpu";
    static final String SECOND_START = "second-start";
    static final String SECOND_START_CPU = "second-start-cpu";
    static final String IDLE_RSS = "idle-rss";
    static final String START_PEAK_RSS = "start-peak-rss";
    static final String PIPELINED = "pipelined";
    static final String PIPELINED_CPU = "pipelined-cpu";
    static final String FILE_PEAK_RSS = "file-peak-rss";
    static final String AFTER_FILE_RSS = "after-file-rss";

    private Keys() {
    }

    static String p50(String command) {
        return command + "-p50";
    }

    static String p99(String command) {
        return command + "-p99";
    }

    static String cpu(String command) {
        return command + "-cpu";
    }

    static String fileWrite(int chunk) {
        return "file-write-" + chunk;
    }

    static String fileRead(int chunk) {
        return "file-read-" + chunk;
    }
}
