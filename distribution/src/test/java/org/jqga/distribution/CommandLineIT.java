package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/jqga as an administrator uses it: qemu-ga's options, config file, pidfile and signals. */
class CommandLineIT {

    record Run(int status, String output) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(AgentProcess.JQGA.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("QGA_CONF", "/nonexistent/jqga-test.conf");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jqga " + String.join(" ", arguments) + " did not exit");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void versionNamesTheProtocolAndTheAgent() throws Exception {
        Run run = run("-V");
        assertEquals(0, run.status());
        assertEquals("QEMU Guest Agent " + System.getProperty("jqga.version") + " (jqga)", run.output().trim());
    }

    @Test
    void unknownOptionFailsLikeQemuGa() throws Exception {
        Run run = run("--no-such-option");
        assertEquals(1, run.status());
        assertTrue(run.output().contains("unrecognized option '--no-such-option'"), run.output());
        assertTrue(run.output().contains("Unknown option, try"), run.output());
    }

    @Test
    void unsupportedMethodFails() throws Exception {
        Run run = run("-m", "carrier-pigeon", "-p", "/tmp/jqga-unused.sock");
        assertEquals(1, run.status());
        assertTrue(run.output().contains("carrier-pigeon"), run.output());
    }

    @Test
    void blockRpcsHelpListsTheLiveCommands() throws Exception {
        Run run = run("-b", "help");
        assertEquals(0, run.status(), run.output());
        List<String> names = run.output().lines().toList();
        assertTrue(names.containsAll(List.of("guest-info", "guest-ping", "guest-sync", "guest-sync-delimited")), run.output());
    }

    @Test
    void dumpConfMergesFileAndCommandLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("qemu-ga.conf");
        Files.writeString(conf, "[general]\nverbose=true\nblock-rpcs=guest-ping\nstatedir=/tmp\n");
        Run run = run("-c", conf.toString(), "-b", "guest-info", "-D");
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().startsWith("[general]"), run.output());
        assertTrue(run.output().contains("verbose=true"), run.output());
        assertTrue(run.output().contains("statedir=/tmp"), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("block-rpcs=") && l.contains("guest-ping") && l.contains("guest-info")), run.output());
    }

    @Test
    void configFileBlockListAppliesAndPidfileLivesAsLongAsTheAgent(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("qemu-ga.conf");
        Path pidfile = dir.resolve("jqga.pid");
        Files.writeString(conf, "[general]\nblock-rpcs=guest-ping\n");
        try (AgentProcess agent = AgentProcess.jqga("-c", conf.toString(), "-f", pidfile.toString());
                QgaClient client = agent.connect()) {
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-ping has been disabled\"}}",
                    client.request("{\"execute\":\"guest-ping\"}"));
            assertEquals(String.valueOf(agent.pid()), Files.readString(pidfile).trim());
            assertEquals(0, agent.terminate(), agent.output());
            assertFalse(Files.exists(pidfile), "pidfile removed at exit");
        }
    }

    @Test
    void aMalformedVsockAddressIsRefusedClearly(@TempDir Path state) throws Exception {
        Run run = run("-m", "vsock-listen", "-p", "not-a-cid", "-t", state.toString());
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("not-a-cid"), run.output());
    }
}
