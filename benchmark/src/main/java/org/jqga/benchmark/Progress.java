package org.jqga.benchmark;

/** Progress lines on stderr, so that stdout stays the report. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void say(String message) {
        System.err.printf("[%5.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }
}
