package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bin/jqga-client against bin/jqga on a unix socket: what a human sees, and the exit statuses scripts rely on. */
class ClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = AgentProcess.jqga();
        // wait until it listens; the client itself does not retry
        agent.connect().close();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.close();
    }

    @Test
    void pingsAndListsTheCommands() throws Exception {
        ClientRun ping = client("ping");
        assertEquals(new ClientRun(0, "the agent answers\n", ""), ping);
        ClientRun info = client("info");
        assertEquals(0, info.status(), info.err());
        assertTrue(info.out().startsWith("agent version "), info.out());
        assertTrue(info.out().contains("\n  guest-ping\n"), info.out());

        ClientRun json = client("--json", "info");
        JsonNode parsed = JSON.readTree(json.out());
        assertTrue(parsed.path("supported_commands").isArray(), json.out());
    }

    @Test
    void catsAGuestFileByteForByte() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        Path file = Files.write(agent.directory().resolve("binary.dat"), content);
        Process process = new ProcessBuilder(ClientRun.CLIENT.toString(), "-s", agent.socket().toString(), "cat", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertTrue(java.util.Arrays.equals(content, out), "cat must reproduce the file exactly");

        ClientRun json = client("--json", "cat", file.toString());
        JsonNode parsed = JSON.readTree(json.out());
        assertEquals(content.length, parsed.path("size").asInt());
        assertTrue(java.util.Arrays.equals(content, Base64.getDecoder().decode(parsed.path("buf-b64").asText())));
    }

    @Test
    void reportsAgentErrorsWithExitStatusOne() throws Exception {
        ClientRun missing = client("cat", agent.directory().resolve("no-such-file").toString());
        assertEquals(1, missing.status());
        assertEquals("", missing.out());
        assertTrue(missing.err().startsWith("jqga-client: the agent refused: GenericError: "), missing.err());
        assertTrue(missing.err().contains("No such file or directory"), missing.err());
    }

    @Test
    void runsAProgramAndTakesOverItsOutputAndExitStatus() throws Exception {
        ClientRun result = client("exec", "/bin/sh", "-c", "echo to stdout; echo to stderr >&2; exit 7");
        assertEquals(new ClientRun(7, "to stdout\n", "to stderr\n"), result);
        assertEquals(0, client("exec", "/bin/true").status());
        ClientRun json = client("--json", "exec", "/bin/echo", "hi");
        JsonNode status = JSON.readTree(json.out());
        assertTrue(status.path("exited").asBoolean());
        assertEquals("hi\n", new String(Base64.getDecoder().decode(status.path("out-data").asText()),
                StandardCharsets.UTF_8));
    }

    @Test
    void showsFreezeStatusPolicyAndBundles() throws Exception {
        assertEquals(new ClientRun(0, "thawed\n", ""), client("fsfreeze-status"));

        ClientRun policy = client("policy-explain");
        assertEquals(0, policy.status(), policy.err());
        assertTrue(policy.out().startsWith("COMMAND "), policy.out());
        assertTrue(policy.out().lines().anyMatch(l -> l.startsWith("guest-ping ") && l.contains(" yes ")),
                policy.out());

        // bundle-list is an admin command, which the default policy does not allow: a readable refusal
        ClientRun bundles = client("bundle-list");
        assertEquals(1, bundles.status(), bundles.out());
        assertEquals("jqga-client: the agent refused: CommandNotFound: Command __org.jqga_bundle-list has been disabled\n",
                bundles.err());
        assertTrue(policy.out().lines().anyMatch(l -> l.startsWith("__org.jqga_bundle-list ") && l.contains(" no ")),
                policy.out());
    }

    @Test
    void sendsRawRequests() throws Exception {
        assertEquals(new ClientRun(0, "{\"return\":{}}\n", ""), client("raw", "{\"execute\":\"guest-ping\"}"));
        ClientRun unknown = client("raw", "{\"execute\":\"guest-nonsense\"}");
        assertEquals(1, unknown.status());
        assertTrue(unknown.out().contains("CommandNotFound"), unknown.out());
        assertEquals(2, client("raw", "{not json").status());
    }

    @Test
    void tellsUsageAndMissingAgentApart() throws Exception {
        ClientRun usage = ClientRun.of("frobnicate");
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("Try 'jqga-client --help'"), usage.err());
        ClientRun noAgent = ClientRun.of("-s", agent.directory().resolve("absent.sock").toString(),
                "ping");
        assertEquals(3, noAgent.status());
        assertTrue(noAgent.err().startsWith("jqga-client: cannot connect to "), noAgent.err());
        ClientRun help = ClientRun.of("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("fsfreeze-status"));
    }

    private static ClientRun client(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("-s", agent.socket().toString()));
        command.addAll(List.of(arguments));
        return ClientRun.of(command.toArray(String[]::new));
    }
}
