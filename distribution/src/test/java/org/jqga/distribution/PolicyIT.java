package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bin/jqga with a live policy file and an audit log: the file is changed while one host connection stays open and
 * the next request follows it; a bad file is kept out; a bad file at start-up fails closed; the audit file gets a
 * line per request. The policy file and audit log are framework properties, passed here as -D system properties
 * (Felix falls back to them), since the launcher has no option for them yet.
 */
class PolicyIT {

    private static final String OPEN_REFUSED = "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-file-open has been disabled\"}}";

    private final ObjectMapper json = new ObjectMapper();
    private Path dir;
    private Path policy;
    private Path audit;
    private Path log;
    private Process agent;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("jqga-policy-e2e").toRealPath();
        policy = dir.resolve("jqga-policy.json");
        audit = dir.resolve("audit.jsonl");
        log = dir.resolve("agent.out");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private QgaClient start() throws Exception {
        Path socket = dir.resolve("agent.sock");
        Path state = Files.createDirectories(dir.resolve("state"));
        ProcessBuilder builder = new ProcessBuilder(AgentProcess.JQGA.toString(), "-m", "unix-listen", "-p", socket.toString(),
                "-t", state.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QGA_CONF", dir.resolve("absent.conf").toString());
        builder.environment().put("JQGA_EXTRA_JAVA_OPTS", "-Dorg.jqga.policyFile=" + policy + " -Dorg.jqga.auditLog=" + audit);
        agent = builder.start();
        QgaClient client = QgaClient.connect(socket, 120_000, () -> {
            if (!agent.isAlive()) {
                throw new IllegalStateException("agent exited: " + output());
            }
        });
        await("agent answers", () -> client.request("{\"execute\":\"guest-ping\"}").equals("{\"return\": {}}"));
        return client;
    }

    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void writePolicy(String content) throws IOException {
        Path staged = Files.writeString(dir.resolve("policy.tmp"), content);
        Files.move(staged, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String open(Path path) {
        return "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + path + "\"}}";
    }

    @Test
    void thePolicyFileChangesUnderAConnectedHost() throws Exception {
        writePolicy("{\"deny-risk\": [\"file\"]}");
        Path data = Files.writeString(dir.resolve("data.txt"), "data");
        try (QgaClient client = start()) {
            await("deny-risk file in force", () -> client.request(open(data)).equals(OPEN_REFUSED));
            JsonNode explained = json.readTree(client.request(
                    "{\"execute\":\"__org.jqga_policy-explain\",\"arguments\":{\"command\":\"guest-file-open\"}}")).get("return").get(0);
            assertEquals("policy file " + policy + ": deny-risk file", explained.get("rule").asText());
            assertFalse(explained.get("allowed").asBoolean());

            writePolicy("{}");
            await("allowed after the change", () -> client.request(open(data)).startsWith("{\"return\": "));

            writePolicy("{\"block\": [\"guest-file-open\"], \"rules\": {\"guest-file-open\": {\"path\": []}}}");
            await("bad file reported", () -> output().contains("rejected, the previous policy stays: line 1, column"));
            assertTrue(client.request(open(data)).startsWith("{\"return\": "), "the bad file changed nothing");

            writePolicy("{\"block\": [\"guest-get-load\"]}");
            await("block applied", () -> client.request("{\"execute\":\"guest-get-load\"}").equals(
                    "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-get-load has been disabled\"}}"));
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"), "same connection throughout");
        }
        await("audit written", () -> Files.exists(audit) && Files.readString(audit).contains("guest-get-load"));
        List<String> lines = Files.readAllLines(audit);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"command\":\"guest-file-open\"") && l.contains("\"decision\":\"refused\"")
                && l.contains("deny-risk file") && l.contains("\"result\":\"CommandNotFound\"")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"command\":\"guest-file-open\"") && l.contains("\"decision\":\"allowed\"")
                && l.contains("\"result\":\"ok\"")), String.join("\n", lines));
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            assertEquals(64, record.get("args-sha256").asText().length(), line);
        }
    }

    @Test
    void aCorruptFileAtStartFailsClosed() throws Exception {
        writePolicy("{\"deny-risk\": [\"exec\"],}");
        try (QgaClient client = start()) {
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-get-load has been disabled\"}}",
                    client.request("{\"execute\":\"guest-get-load\"}"));
            JsonNode info = json.readTree(client.request("{\"execute\":\"guest-info\"}")).get("return");
            for (JsonNode command : info.get("supported_commands")) {
                String name = command.get("name").asText();
                boolean protocol = List.of("guest-sync", "guest-sync-delimited", "guest-ping", "guest-info").contains(name);
                assertEquals(protocol, command.get("enabled").asBoolean(), name);
            }
            assertTrue(output().contains("rejected at start-up, failing closed"), output());

            writePolicy("{}");
            await("a fixed file opens the agent", () -> client.request("{\"execute\":\"guest-get-load\"}").startsWith("{\"return\": "));
        }
    }
}
