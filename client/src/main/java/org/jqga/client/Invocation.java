package org.jqga.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A parsed command line: where the agent is, how to print, which subcommand with which operands. */
record Invocation(Path socket, boolean json, Duration timeout, Subcommand subcommand, List<String> operands) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
