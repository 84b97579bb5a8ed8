package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The built agent (bin/jqga) on this machine, with its log file and state directory (so also its Felix bundle
 * cache) on a loop-mounted scratch ext4 image that it freezes itself with guest-fsfreeze-freeze-list: the agent
 * must keep answering, hold its log lines, ignore SIGTERM, come back frozen after SIGKILL, and thaw. The agent
 * is shown only the image's mount table line (org.jqga.fsfreeze.mountinfo), so its thaw cannot touch anything
 * else on this machine; the test thaws the image in a finally block whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FrozenAgentIT {

    private static final long FIRST_ANSWER_MS = 120_000;

    private final ObjectMapper json = new ObjectMapper();
    private ScratchExt4Mount image;
    private Path log;
    private Path state;
    private final List<Process> agents = new ArrayList<>();

    @BeforeAll
    void makeImage() throws Exception {
        String reason = ScratchExt4Mount.unavailableReason();
        Assumptions.assumeTrue(reason == null, "FrozenAgentIT cannot run here: " + reason);
        assertTrue(Files.isExecutable(AgentProcess.JQGA), "the distribution is not built: " + AgentProcess.JQGA);
        image = new ScratchExt4Mount("32M");
        log = image.mountPoint().resolve("jqga.log");
        state = Files.createDirectory(image.mountPoint().resolve("state"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (image != null) {
                // first, so that no agent and no probe stays asleep on the image
                image.thaw();
            }
        } finally {
            for (Process agent : agents) {
                if (agent.isAlive()) {
                    agent.destroyForcibly();
                    agent.waitFor(20, TimeUnit.SECONDS);
                }
            }
            if (image != null) {
                image.close();
            }
        }
    }

    private Process startAgent(String name) throws IOException {
        List<String> command = List.of(AgentProcess.JQGA.toString(), "-m", "unix-listen", "-p", socket().toString(),
                "-t", state.toString(), "-l", log.toString(), "-v");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(image.directory().resolve(name + ".out").toFile());
        builder.environment().put("QGA_CONF", image.directory().resolve("absent.conf").toString());
        builder.environment().put("JQGA_EXTRA_JAVA_OPTS", "-Dorg.jqga.fsfreeze.mountinfo=" + image.mountinfo());
        Process agent = builder.start();
        agents.add(agent);
        return agent;
    }

    private Path socket() {
        return image.directory().resolve("agent.sock");
    }

    private QgaClient connect(Process agent, String name) throws Exception {
        Runnable alive = () -> {
            if (!agent.isAlive()) {
                throw new IllegalStateException(name + " exited with " + agent.exitValue() + ":\n" + output(name));
            }
        };
        QgaClient client = QgaClient.connect(socket(), FIRST_ANSWER_MS, alive);
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        assertEquals(id, request(client, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":" + id + "}}")
                .path("return").asLong());
        return client;
    }

    private String output(String name) {
        try {
            return Files.readString(image.directory().resolve(name + ".out"));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private JsonNode request(QgaClient client, String request) throws Exception {
        return json.readTree(client.request(request));
    }

    private String freezeImage() {
        return "{\"execute\":\"guest-fsfreeze-freeze-list\",\"arguments\":{\"mountpoints\":[\"" + image.mountPoint() + "\"]}}";
    }

    private String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static boolean doneWithin(CompletableFuture<Void> probe, long millis) throws Exception {
        try {
            probe.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static void sendSignal(Process agent, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(agent.pid())).start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    /** Writable shared mappings of files on the image: what the kernel writes back by itself (hsperfdata-like). */
    private List<String> sharedWritableMappingsOnImage(long pid) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length == 6 && fields[5].startsWith(image.mountPoint() + "/")
                    && fields[1].charAt(1) == 'w' && fields[1].charAt(3) == 's') {
                found.add(line);
            }
        }
        return found;
    }

    private List<String> openFilesOnImage(long pid) throws IOException {
        List<String> found = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(image.mountPoint() + "/")) {
                        found.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return found;
    }

    @Test
    @Order(1)
    void frozenItKeepsAnsweringHoldsItsLogAndIgnoresSigterm() throws Exception {
        Process agent = startAgent("agent1");
        try (QgaClient client = connect(agent, "agent1")) {
            assertEquals(1, request(client, freezeImage()).path("return").asInt(), "freeze-list of the image");
            try {
                assertEquals("frozen", request(client, "{\"execute\":\"guest-fsfreeze-status\"}").path("return").asText());
                CompletableFuture<Void> probe = image.writeProbe("probe1");
                assertFalse(doneWithin(probe, 1_000), "a write to the image completed: it is not frozen");
                long logSize = Files.size(log);

                sendSignal(agent, "TERM");
                Thread.sleep(3_000);
                assertTrue(agent.isAlive(), "SIGTERM while frozen ended the agent:\n" + output("agent1"));
                for (int i = 0; i < 20; i++) {
                    assertEquals(json.readTree("{\"return\":{}}"), request(client, "{\"execute\":\"guest-ping\"}"));
                }
                JsonNode refused = request(client, "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"/etc/hostname\"}}");
                assertEquals("CommandNotFound", refused.path("error").path("class").asText(), refused.toString());
                assertEquals("Command guest-file-open has been disabled: the agent is in frozen state",
                        refused.path("error").path("desc").asText());
                JsonNode report = request(client, "{\"execute\":\"__org.jqga_fsfreeze-report\"}").path("return");
                assertEquals("frozen", report.path("status").asText(), report.toString());

                assertEquals(logSize, Files.size(log), "the agent wrote to its log file on the frozen image");
                assertEquals(List.of(), sharedWritableMappingsOnImage(agent.pid()));
                List<String> open = openFilesOnImage(agent.pid());
                System.out.println("FrozenAgentIT: files the frozen agent holds open on the image (read or idle): " + open);
                // the last close of an unlinked file on a frozen ext4 sleeps until thaw (Linux 6.1): SIGKILL would hang
                assertEquals(List.of(), open.stream().filter(f -> f.endsWith("(deleted)")).toList());
                assertFalse(probe.isDone());

                assertEquals(1, request(client, "{\"execute\":\"guest-fsfreeze-thaw\"}").path("return").asInt());
                assertEquals("thawed", request(client, "{\"execute\":\"guest-fsfreeze-status\"}").path("return").asText());
                assertTrue(doneWithin(probe, 10_000), "the write probe did not complete after thaw");
            } finally {
                image.thaw();
            }
            String text = logText();
            assertTrue(text.contains("SIGTERM received while filesystems are frozen: ignored"), text);
            assertTrue(text.indexOf("SIGTERM received while filesystems are frozen")
                    < text.indexOf("filesystems thawed"), "held lines come before the thaw's own line:\n" + text);
            assertTrue(text.contains("held while filesystems were frozen written after thaw"), text);
        }
        // thawed, SIGTERM ends it normally again
        sendSignal(agent, "TERM");
        assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "SIGTERM after thaw did not end the agent");
        assertEquals(0, agent.exitValue());
    }

    @Test
    @Order(2)
    void killedWhileFrozenItComesBackFrozenWithoutWritingToTheImage() throws Exception {
        Process first = startAgent("agent2");
        try {
            try (QgaClient client = connect(first, "agent2")) {
                assertEquals(1, request(client, freezeImage()).path("return").asInt());
            }
            first.destroyForcibly();
            assertTrue(first.waitFor(20, TimeUnit.SECONDS));
            assertTrue(Files.exists(state.resolve("qga.state.isfrozen")), "the frozen marker is missing");
            long logSize = Files.size(log);
            CompletableFuture<Void> probe = image.writeProbe("probe2");
            assertFalse(doneWithin(probe, 500), "the image is not frozen any more");

            long started = System.nanoTime();
            Process second = startAgent("agent3");
            try (QgaClient client = connect(second, "agent3")) {
                System.out.printf("FrozenAgentIT: restart while frozen -> answering in %.1f s%n",
                        (System.nanoTime() - started) / 1e9);
                assertEquals("frozen", request(client, "{\"execute\":\"guest-fsfreeze-status\"}").path("return").asText());
                JsonNode refused = request(client, "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"/etc/hostname\"}}");
                assertEquals("Command guest-file-open has been disabled: the agent is in frozen state",
                        refused.path("error").path("desc").asText(), refused.toString());
                assertEquals(logSize, Files.size(log), "the restarted agent wrote to its log file on the frozen image");
                assertFalse(probe.isDone(), "the image thawed behind the agent's back");

                assertEquals(1, request(client, "{\"execute\":\"guest-fsfreeze-thaw\"}").path("return").asInt(),
                        "the restarted agent must thaw what its predecessor froze");
                assertEquals("thawed", request(client, "{\"execute\":\"guest-fsfreeze-status\"}").path("return").asText());
                assertTrue(doneWithin(probe, 10_000), "the write probe did not complete after thaw");
                assertFalse(Files.exists(state.resolve("qga.state.isfrozen")), "the marker outlived the thaw");
                String text = logText().substring((int) logSize);
                assertTrue(text.contains("qga.state.isfrozen exists: starting frozen"), text);
                assertTrue(text.contains("jqga " + System.getProperty("jqga.version", "") + " ready"), text);
            } finally {
                image.thaw();
            }
            sendSignal(second, "TERM");
            assertTrue(second.waitFor(30, TimeUnit.SECONDS), "SIGTERM after thaw did not end the agent");
            assertEquals(0, second.exitValue(), output("agent3"));
        } finally {
            image.thaw();
        }
    }

    @Test
    @Order(3)
    void theImageIsNotFrozenAfterwards() throws Exception {
        assertNull(image.writeProbe("probe3").get(10, TimeUnit.SECONDS), "the image is still frozen");
    }
}
