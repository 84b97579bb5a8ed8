package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The admin interface of the real agent: bin/jqga --admin-socket serves a root-only socket, and bin/jqga-client
 * installs, updates, rolls back and removes the example bundle through it while the host's policy (policy file
 * and -b) refuses every deploy command to the host. The audit trail tells the two origins apart.
 */
class AdminSocketIT {

    private static final String[] DEPLOY_COMMANDS = {"__org.jqga_bundle-install", "__org.jqga_bundle-update",
            "__org.jqga_bundle-rollback", "__org.jqga_bundle-remove"};

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void rootInstallsUpdatesRollsBackAndRemovesWhileTheHostIsRefused() throws Exception {
        Path scratch = Files.createTempDirectory("jqga-admin-e2e").toRealPath();
        Path deploy = Files.createDirectory(scratch.resolve("deploy"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path adminSocket = scratch.resolve("admin/admin.sock");
        Path audit = scratch.resolve("audit.jsonl");
        Path policy = Files.writeString(scratch.resolve("policy.json"),
                "{\"block\": [\"" + String.join("\", \"", DEPLOY_COMMANDS) + "\"]}");
        Path v1 = Files.write(scratch.resolve("disk-usage-1.0.0.jar"),
                ExampleBundle.withVersion("1.0.0"));
        Path v2 = Files.write(scratch.resolve("disk-usage-1.0.1.jar"),
                ExampleBundle.withVersion("1.0.1"));
        String usage = ExampleBundle.REQUEST;
        try (AgentProcess agent = AgentProcess.jqga("--deploy-dir=" + deploy, "--admin-socket=" + adminSocket,
                "--policy-file=" + policy, "--audit-log=" + audit, "-b", "__org.jqga_bundle-list,guest-exec");
             QgaClient host = agent.connect()) {
            assertEquals("{\"return\": {}}", host.request("{\"execute\":\"guest-ping\"}"));
            assertTrue(Files.exists(adminSocket), agent.output());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminSocket.getParent())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminSocket)));
            assertEquals(Files.getOwner(agent.directory()), Files.getOwner(adminSocket), "owned by the agent's user");

            String b64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(v1));
            assertEquals(disabled(DEPLOY_COMMANDS[0]), host.request("{\"execute\":\"" + DEPLOY_COMMANDS[0]
                    + "\",\"arguments\":{\"bundle-b64\":\"" + b64 + "\"}}"));

            ClientRun installed = admin(adminSocket, "bundle-install", v1.toString());
            assertEquals(0, installed.status(), installed.err());
            assertTrue(installed.out().startsWith(ExampleBundle.SYMBOLIC_NAME + " 1.0.0: ACTIVE (bundle "), installed.out());
            assertTrue(json.readTree(host.request(usage)).path("return").path("total-bytes").asLong() > 0,
                    "the host can use the installed command");

            ClientRun updated = admin(adminSocket, "--json", "bundle-update", v2.toString());
            assertEquals(0, updated.status(), updated.err());
            assertEquals("1.0.1", json.readTree(updated.out()).get("version").asText());
            assertEquals(disabled(DEPLOY_COMMANDS[2]), host.request("{\"execute\":\"" + DEPLOY_COMMANDS[2]
                    + "\",\"arguments\":{\"symbolic-name\":\"" + ExampleBundle.SYMBOLIC_NAME + "\"}}"));

            ClientRun rolledBack = admin(adminSocket, "bundle-rollback", ExampleBundle.SYMBOLIC_NAME);
            assertEquals(0, rolledBack.status(), rolledBack.err());
            assertTrue(rolledBack.out().startsWith(ExampleBundle.SYMBOLIC_NAME + " 1.0.0: ACTIVE"), rolledBack.out());

            ClientRun listed = admin(adminSocket, "bundle-list");
            assertEquals(0, listed.status(), "-b fences in the host, not the admin: " + listed.err());
            assertTrue(listed.out().contains(ExampleBundle.COMMAND), listed.out());
            assertEquals(disabled("__org.jqga_bundle-list"), host.request("{\"execute\":\"__org.jqga_bundle-list\"}"));

            ClientRun removed = admin(adminSocket, "bundle-remove", ExampleBundle.SYMBOLIC_NAME);
            assertEquals(0, removed.status(), removed.err());
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + ExampleBundle.COMMAND
                    + " has not been found\"}}", host.request(usage));

            ClientRun exec = admin(adminSocket, "exec", "/bin/true");
            assertEquals(new ClientRun(1, "", "jqga-client: the agent refused: CommandNotFound: Command guest-exec has been "
                    + "disabled\n"), exec, "other risk groups follow the host policy on the admin socket too");
            assertEquals("{\"return\": {}}", host.request("{\"execute\":\"guest-ping\"}"), "the host channel stayed up");

            awaitAudit(audit, "__org.jqga_bundle-remove\"");
            List<JsonNode> records = new ArrayList<>();
            for (String line : Files.readAllLines(audit)) {
                records.add(json.readTree(line));
            }
            assertTrue(records.stream().anyMatch(r -> r.path("command").asText().equals(DEPLOY_COMMANDS[0])
                    && r.path("origin").asText().equals("host") && r.path("decision").asText().equals("refused")
                    && r.path("rule").asText().equals("policy file " + policy + ": block")), records.toString());
            for (String command : DEPLOY_COMMANDS) {
                assertTrue(records.stream().anyMatch(r -> r.path("command").asText().equals(command)
                        && r.path("origin").asText().equals("local-admin") && r.path("result").asText().equals("ok")
                        && r.path("rule").asText().startsWith("admin socket (local root)")), command + ": " + records);
            }
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String disabled(String command) {
        return "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command " + command + " has been disabled\"}}";
    }

    private static void awaitAudit(Path audit, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(audit) || !Files.readString(audit).contains(text)) {
            assertTrue(System.currentTimeMillis() < deadline, "audit record with " + text);
            Thread.sleep(50);
        }
    }

    private static ClientRun admin(Path socket, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--admin", "-s", socket.toString()));
        command.addAll(List.of(arguments));
        return ClientRun.of(command.toArray(String[]::new));
    }
}
