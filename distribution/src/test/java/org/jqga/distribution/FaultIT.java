package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The faults of the reliability issue, on the real agent: a host that resets mid-reply or sends 100 MiB without a
 * newline, SIGKILL during a file write and during a bundle update (state intact after the restart), and a state
 * directory that is read-only or full.
 */
class FaultIT {

    private static final String PING = "{\"execute\":\"guest-ping\"}";
    private static final String PONG = "{\"return\": {}}";
    private static final int MIB = 1 << 20;

    private final ObjectMapper json = new ObjectMapper();

    private long handle(QgaClient client, Path file, String mode) throws IOException {
        String reply = client.request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file
                + "\",\"mode\":\"" + mode + "\"}}");
        assertTrue(reply.startsWith("{\"return\": "), reply);
        return json.readTree(reply).get("return").asLong();
    }

    private static void assertResyncs(QgaClient client, int id) throws IOException {
        client.send(new byte[] {(byte) 0xFF});
        client.send("{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":" + id + "}}");
        String reply;
        do {
            reply = client.readLine();
        } while (reply.startsWith("{\"error\""));
        assertEquals("\u00ff{\"return\": " + id + "}", reply);
    }

    private static long peakRssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    @Test
    void aClientResettingMidReplyCostsNeitherTheAgentNorItsHandles() throws Exception {
        try (AgentProcess agent = AgentProcess.jqga()) {
            Path file = agent.directory().resolve("large");
            Files.write(file, new byte[16 * MIB]);
            long handle;
            try (QgaClient client = agent.connect()) {
                handle = handle(client, file, "r");
                client.send("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + ",\"count\":"
                        + 16 * MIB + "}}");
                // the reply is ~22 MiB of base64: the client goes away after the first bytes of it
                client.readBytes(4096);
            }
            try (QgaClient client = agent.connect()) {
                assertEquals(PONG, client.request(PING));
                String seek = client.request("{\"execute\":\"guest-file-seek\",\"arguments\":{\"handle\":" + handle
                        + ",\"offset\":0,\"whence\":\"cur\"}}");
                assertEquals("{\"return\": {\"eof\": false, \"position\": " + 16 * MIB + "}}", seek,
                        "the read completed on the agent's side; the handle outlives its client, as in qemu-ga");
                assertEquals(PONG, client.request("{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}"));
            }
            assertTrue(agent.isAlive());
        }
    }

    @Test
    void aHundredMebibytesWithoutANewlineCostAnErrorNotTheAgent() throws Exception {
        try (AgentProcess agent = AgentProcess.jqga(); QgaClient client = agent.connect()) {
            assertEquals(PONG, client.request(PING));
            Thread sender = new Thread(() -> {
                try {
                    client.send("{\"execute\":\"guest-ping\",\"arguments\":{\"x\":\"");
                    byte[] chunk = new byte[MIB];
                    Arrays.fill(chunk, (byte) 'a');
                    for (int i = 0; i < 100; i++) {
                        client.send(chunk);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "100 MiB sender");
            sender.start();
            // qemu's limit: a token longer than 64 MiB is an error, and the rest is lexed afresh
            String first = client.readLine(120_000);
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON token size limit exceeded\"}}", first);
            sender.join(TimeUnit.MINUTES.toMillis(2));
            assertResyncs(client, 4711);
            assertEquals(PONG, client.request(PING));
            long peak = peakRssKib(agent.pid());
            System.out.printf("FaultIT: peak RSS while taking 100 MiB without a newline: %d MiB%n", peak / 1024);
            assertTrue(peak < 384 * 1024, "the agent's memory stays bounded by its heap limit: " + peak + " KiB");
        }
    }

    @Test
    void killedDuringAFileWriteItRestartsWithItsHandleCounterAndTheAcknowledgedData() throws Exception {
        AgentProcess first = AgentProcess.jqga();
        Path file = first.directory().resolve("written");
        byte[] chunk = new byte[MIB];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31 + 7);
        }
        String write;
        long lastHandle;
        int acknowledged = 0;
        try (QgaClient client = first.connect()) {
            lastHandle = handle(client, file, "w");
            write = "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + lastHandle + ",\"buf-b64\":\""
                    + Base64.getEncoder().encodeToString(chunk) + "\"}}";
            for (; acknowledged < 8; acknowledged++) {
                assertEquals("{\"return\": {\"count\": " + MIB + ", \"eof\": false}}", client.request(write));
            }
            client.send(write);
            first.kill();
        }
        try (AgentProcess second = first.restart(); QgaClient client = second.connect()) {
            long next = handle(client, second.directory().resolve("after"), "w");
            assertTrue(next > lastHandle, "handle numbers are never reused across a crash: " + next + " after " + lastHandle);
            byte[] data = Files.readAllBytes(file);
            assertTrue(data.length >= acknowledged * MIB, "every acknowledged write is in the file: " + data.length);
            for (int i = 0; i < data.length / MIB; i++) {
                assertArrayEquals(chunk, Arrays.copyOfRange(data, i * MIB, (i + 1) * MIB), "MiB " + i);
            }
        }
    }

    @Test
    void killedDuringABundleUpdateItRestartsServingTheBundle() throws Exception {
        Path deploy = Files.createTempDirectory("jqga-fault-deploy",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            ExampleBundle.dropAtomically(deploy, ExampleBundle.withVersion("1.0.0"));
            AgentProcess first = AgentProcess.jqga("-v", "--deploy-dir=" + deploy);
            try (QgaClient client = first.connect()) {
                awaitAnswer(client);
                ExampleBundle.dropAtomically(deploy, ExampleBundle.withVersion("1.0.1"));
                // the update is under way when the agent dies: the deploy folder polls, and swaps the bundle
                while (!first.output().contains("com.example.diskusage 1.0.1")) {
                    assertTrue(client.request(ExampleBundle.REQUEST).startsWith("{\"return\": {"));
                }
                first.kill();
            }
            try (AgentProcess second = first.restart("-v", "--deploy-dir=" + deploy); QgaClient client = second.connect()) {
                awaitAnswer(client);
                // the cache kept from the first run holds the updated bundle: it is kept, not stopped and updated again
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!second.output().contains("kept disk-usage.jar: com.example.diskusage 1.0.1")
                        && System.nanoTime() < deadline) {
                    assertTrue(client.request(ExampleBundle.REQUEST).startsWith("{\"return\": {"), "answered throughout");
                }
                assertTrue(second.output().contains("kept disk-usage.jar: com.example.diskusage 1.0.1"), second.output());
                JsonNode info = json.readTree(client.request("{\"execute\":\"guest-info\"}")).get("return");
                long listed = 0;
                for (JsonNode command : info.get("supported_commands")) {
                    listed += command.get("name").asText().equals(ExampleBundle.COMMAND) ? 1 : 0;
                }
                assertEquals(1, listed, "the command is there once");
                assertTrue(!second.output().contains("ERROR"), second.output());
            }
        } finally {
            Files.deleteIfExists(deploy.resolve("disk-usage.jar"));
            Files.deleteIfExists(deploy.resolveSibling("disk-usage.jar.staged"));
            Files.deleteIfExists(deploy);
        }
    }

    private static void awaitAnswer(QgaClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String reply = client.request(ExampleBundle.REQUEST);
        while (reply.equals(ExampleBundle.NOT_FOUND) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            reply = client.request(ExampleBundle.REQUEST);
        }
        assertTrue(reply.startsWith("{\"return\": {"), reply);
    }

    @Test
    void aReadOnlyOrFullStateDirectoryCostsOnlyTheCommandsThatKeepState() throws Exception {
        for (String options : List.of("ro,size=1m", "size=64k")) {
            Path statedir = Files.createTempDirectory("jqga-fault-state");
            mount(options, statedir);
            try {
                if (!options.startsWith("ro")) {
                    Files.write(statedir.resolve("filler"), new byte[0]);
                    fill(statedir.resolve("filler"));
                }
                try (AgentProcess agent = AgentProcess.jqga("-t", statedir.toString()); QgaClient client = agent.connect()) {
                    assertEquals(PONG, client.request(PING), options);
                    assertTrue(client.request("{\"execute\":\"guest-get-osinfo\"}").startsWith("{\"return\": {"));
                    String open = client.request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\""
                            + agent.directory().resolve("x") + "\",\"mode\":\"w\"}}");
                    assertTrue(open.equals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed to load persistent state\"}}")
                            || open.equals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed to commit persistent state to disk\"}}"),
                            options + ": " + open);
                    assertTrue(agent.output().contains("is unusable"), agent.output());
                }
            } finally {
                run("umount", statedir.toString());
                Files.delete(statedir);
            }
        }
    }

    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static void mount(String options, Path at) throws Exception {
        run("mount", "-t", "tmpfs", "-o", options, "jqga-fault-test", at.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + out);
    }
}
