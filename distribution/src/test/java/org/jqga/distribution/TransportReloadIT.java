package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport as a swappable service: the configuration file names a new channel, SIGHUP makes the agent
 * re-read it, the channel moves, and the agent keeps its pid and its state (an open file handle).
 */
class TransportReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process agent;

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void sighupSwapsTheChannelAndKeepsOpenFileHandles() throws Exception {
        Path first = dir.resolve("first.sock");
        Path second = dir.resolve("second.sock");
        Path config = dir.resolve("qemu-ga.conf");
        Path data = Files.writeString(dir.resolve("data.txt"), "kept across the swap\n");
        Files.writeString(config, "[general]\nmethod=unix-listen\npath=" + first + "\n");
        agent = new ProcessBuilder(List.of(AgentProcess.JQGA.toString(), "-c", config.toString(),
                "-t", Files.createDirectories(dir.resolve("state")).toString(), "-v"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.out").toFile()).start();

        long handle;
        try (QgaClient client = QgaClient.connect(first, 120_000, this::checkAlive)) {
            JsonNode opened = JSON.readTree(client.request(
                    "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + data + "\"}}"));
            handle = opened.path("return").asLong();
            assertTrue(handle > 0, opened.toString());
        }

        // an invalid method in the file: refused, the channel stays
        Files.writeString(config, "[general]\nmethod=carrier-pigeon\npath=" + second + "\n");
        signalHup();
        awaitOutput("configuration not reloaded");
        try (QgaClient client = QgaClient.connect(first, 10_000, this::checkAlive)) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
        }

        Files.writeString(config, "[general]\nmethod=unix-listen\npath=" + second + "\n");
        signalHup();
        try (QgaClient client = QgaClient.connect(second, 30_000, this::checkAlive)) {
            JsonNode read = JSON.readTree(client.request(
                    "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + "}}"));
            String content = new String(Base64.getDecoder().decode(read.path("return").path("buf-b64").asText()),
                    StandardCharsets.UTF_8);
            assertEquals("kept across the swap\n", content, read.toString());
        }
        assertFalse(Files.exists(first), "the old socket must be gone");
        assertTrue(agent.isAlive(), "the agent itself must not restart");
        assertTrue(output().contains("swapping unix-listen channel " + first), output());
    }

    private void signalHup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    private void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!output().contains(text) && System.nanoTime() < deadline) {
            checkAlive();
            Thread.sleep(50);
        }
        assertTrue(output().contains(text), output());
    }

    private void checkAlive() {
        if (!agent.isAlive()) {
            throw new IllegalStateException("agent exited with " + agent.exitValue() + ":\n" + output());
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("agent.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
