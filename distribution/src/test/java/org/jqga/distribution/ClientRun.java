package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of bin/jqga-client: its exit status, stdout and stderr. */
record ClientRun(int status, String out, String err) {

    static final Path CLIENT = AgentProcess.DISTRIBUTION.resolve("bin/jqga-client");

    /** bin/jqga-client with these arguments, stdin closed; bounded wait. */
    static ClientRun of(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLIENT.toString()));
        command.addAll(List.of(arguments));
        Path err = Files.createTempFile("jqga-client", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "jqga-client did not finish");
            return new ClientRun(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
