package org.jqga.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import javax.inject.Inject;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.transport.Transport;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The live policy in a real Felix: a policy file changed while a host stays connected takes effect with the next
 * request; a bad file is kept out; stopping the policy bundle makes the engine fail closed, not open; changes made
 * while frozen wait for thaw; every request leaves an audit line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicyIT {

    private static final Path DIR = ScratchDirectory.removedAtExit("jqga-policy-itest-");
    private static final Path SOCKET = DIR.resolve("agent.sock");
    private static final Path POLICY = DIR.resolve("jqga-policy.json");
    private static final Path AUDIT = DIR.resolve("audit.jsonl");
    private static final String OPEN_REFUSED = "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-file-open has been disabled\"}}";

    @Inject
    private BundleContext context;

    @Inject
    private Transport transport;

    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(POLICY, "{}");
        return options(
                JqgaOptions.agentBundles(),
                frameworkProperty("org.jqga.method").value("unix-listen"),
                frameworkProperty("org.jqga.path").value(SOCKET.toString()),
                frameworkProperty("org.jqga.statedir").value(DIR.toString()),
                frameworkProperty("org.jqga.policyFile").value(POLICY.toString()),
                frameworkProperty("org.jqga.auditLog").value(AUDIT.toString()));
    }

    private static void writePolicy(String content) throws IOException {
        Path staged = Files.writeString(DIR.resolve("policy.tmp"), content);
        Files.move(staged, POLICY, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private String openRequest(String path, String mode) {
        return "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + path + "\",\"mode\":\"" + mode + "\"}}";
    }

    private String explainRule(AgentClient client, String command) throws IOException {
        JsonNode reply = json.readTree(client.request("{\"execute\":\"__org.jqga_policy-explain\",\"arguments\":{\"command\":\"" + command + "\"}}"));
        JsonNode entry = reply.get("return").get(0);
        return entry.get("allowed").asBoolean() + " " + entry.get("rule").asText();
    }

    private boolean enabledInGuestInfo(AgentClient client, String command) throws IOException {
        for (JsonNode c : json.readTree(client.request("{\"execute\":\"guest-info\"}")).get("return").get("supported_commands")) {
            if (c.get("name").asText().equals(command)) {
                return c.get("enabled").asBoolean();
            }
        }
        throw new AssertionError(command + " not in guest-info");
    }

    @Test
    public void aPolicyChangeTakesEffectForTheNextRequestOnTheSameConnection() throws Exception {
        writePolicy("{}");
        Path file = Files.writeString(DIR.resolve("data.txt"), "data");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            await("empty policy", () -> explainRule(client, "guest-file-open").equals("true default: allowed"));
            assertTrue(client.request(openRequest(file.toString(), "r")).startsWith("{\"return\": "));

            writePolicy("{\"deny-risk\": [\"file\"]}");
            await("deny-risk file applied", () -> client.request(openRequest(file.toString(), "r")).equals(OPEN_REFUSED));
            assertEquals("false policy file " + POLICY + ": deny-risk file", explainRule(client, "guest-file-open"));
            assertEquals(false, enabledInGuestInfo(client, "guest-file-open"));

            // a broken file is rejected whole: the deny stays, its block of guest-ping never applies
            writePolicy("{\"block\": [\"guest-ping\"], \"deny-risk\": [\"fiel\"]}");
            Thread.sleep(1500);
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            assertEquals(OPEN_REFUSED, client.request(openRequest(file.toString(), "r")));

            writePolicy("{}");
            await("policy cleared", () -> client.request(openRequest(file.toString(), "r")).startsWith("{\"return\": "));
            assertEquals(true, enabledInGuestInfo(client, "guest-file-open"));
        }
    }

    @Test
    public void pathRulesResolveAndKeepReadOnlyPrefixesReadOnly() throws Exception {
        Path readOnly = Files.createDirectories(DIR.resolve("ro"));
        Path outside = Files.createDirectories(DIR.resolve("outside"));
        Files.writeString(readOnly.resolve("f"), "f");
        Files.writeString(outside.resolve("secret"), "s");
        Files.deleteIfExists(readOnly.resolve("escape"));
        Files.createSymbolicLink(readOnly.resolve("escape"), outside.resolve("secret"));
        writePolicy("{\"rules\": {\"guest-file-open\": {\"read-only-paths\": [\"" + readOnly + "\"]}}}");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            await("rule applied", () -> client.request(openRequest(readOnly + "/f", "w")).contains("refused by policy rule"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed to open file '" + readOnly
                    + "/f' (mode: 'w'): refused by policy rule guest-file-open.read-only-paths\"}}", client.request(openRequest(readOnly + "/f", "w")));
            assertTrue(client.request(openRequest(readOnly + "/f", "rb")).startsWith("{\"return\": "));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed to open file '" + readOnly
                    + "/escape' (mode: 'r'): refused by policy rule guest-file-open.read-only-paths\"}}",
                    client.request(openRequest(readOnly + "/escape", "r")));
            assertTrue(client.request(openRequest(readOnly + "/../ro/f", "r")).startsWith("{\"return\": "));
        } finally {
            writePolicy("{}");
        }
    }

    @Test
    public void aStoppedPolicyBundleFailsClosedNotOpen() throws Exception {
        writePolicy("{}");
        Bundle policy = bundle("org.jqga.policy");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            await("policy loaded", () -> explainRule(client, "guest-get-load").equals("true default: allowed"));
            policy.stop();
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-get-load has been disabled\"}}",
                    client.request("{\"execute\":\"guest-get-load\"}"));
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            assertEquals(false, enabledInGuestInfo(client, "guest-file-open"));
            policy.start();
            await("policy back", () -> client.request("{\"execute\":\"guest-get-load\"}").startsWith("{\"return\": "));
        } finally {
            if (policy.getState() != Bundle.ACTIVE) {
                policy.start();
            }
        }
    }

    @Test
    public void aChangeWhileFrozenWaitsForThaw() throws Exception {
        writePolicy("{}");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            await("policy loaded", () -> explainRule(client, "guest-ping").equals("true default: allowed"));
            ServiceRegistration<FrozenFilesystems> frozen = context.registerService(FrozenFilesystems.class, new FrozenFilesystems() {
            }, null);
            try {
                assertEquals("false frozen", explainRule(client, "guest-get-load"));
                writePolicy("{\"block\": [\"guest-ping\"]}");
                Thread.sleep(1500);
                assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            } finally {
                frozen.unregister();
            }
            await("applied after thaw", () -> client.request("{\"execute\":\"guest-ping\"}").equals(
                    "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-ping has been disabled\"}}"));
        } finally {
            writePolicy("{}");
        }
    }

    @Test
    public void everyRequestLeavesOneAuditLine() throws Exception {
        writePolicy("{\"block\": [\"guest-get-load\"]}");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            await("block applied", () -> client.request("{\"execute\":\"guest-get-load\"}").contains("has been disabled"));
            String marker = "audit-" + System.nanoTime();
            client.request("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":" + System.nanoTime() + "}}");
            client.request("{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":1,\"buf-b64\":\"" + marker + "\"}}");
            await("audit lines written", () -> Files.exists(AUDIT) && Files.readString(AUDIT).contains("guest-file-write"));
            List<String> lines = Files.readAllLines(AUDIT);
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"command\":\"guest-get-load\"") && l.contains("\"decision\":\"refused\"")
                    && l.contains("\"rule\":\"policy file " + POLICY + ": block\"") && l.contains("\"result\":\"CommandNotFound\"")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"command\":\"guest-sync\"") && l.contains("\"result\":\"ok\"")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"command\":\"guest-file-write\"") && l.contains("\"result\":\"GenericError\"")));
            assertTrue("file contents never reach the audit", lines.stream().noneMatch(l -> l.contains(marker)));
            for (String line : lines) {
                JsonNode record = json.readTree(line);
                if (record.has("command")) {
                    assertEquals(line, 64, record.get("args-sha256").asText().length());
                    assertTrue(line, record.get("duration-us").asLong() >= 0);
                }
            }
        } finally {
            writePolicy("{}");
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " not installed");
    }
}
