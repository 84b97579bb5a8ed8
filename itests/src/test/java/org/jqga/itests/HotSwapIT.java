package org.jqga.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import java.util.Hashtable;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;
import org.jqga.api.RiskGroup;
import org.jqga.api.transport.Transport;
import org.osgi.framework.ServiceRegistration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Hot swap in a real Felix: the example command bundle installed, updated, rolled back and removed through the
 * bundle-* vendor commands, and updated ten times through the deploy folder while a host keeps sending guest-file
 * and custom-command requests: no error, no lost reply, and guest-info and bundle-list show every version.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    private static final Path DIR = ScratchDirectory.removedAtExit("jqga-hotswap-itest-");
    private static final Path SOCKET = DIR.resolve("agent.sock");
    private static final Path DEPLOY = DIR.resolve("deploy");
    private static final String EXAMPLE = "com.example.diskusage";
    private static final String COMMAND = "__com.example_disk-usage";

    @Inject
    private BundleContext context;

    @Inject
    private Transport transport;

    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws IOException {
        Files.createDirectories(DIR);
        Files.createDirectories(DEPLOY);
        Files.setPosixFilePermissions(DEPLOY, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(DIR.resolve("policy.json"), "{\"allow-risk\": [\"admin\"]}");
        return options(
                JqgaOptions.agentBundles(),
                frameworkProperty("org.jqga.method").value("unix-listen"),
                frameworkProperty("org.jqga.path").value(SOCKET.toString()),
                frameworkProperty("org.jqga.statedir").value(DIR.toString()),
                frameworkProperty("org.jqga.policyFile").value(DIR.resolve("policy.json").toString()),
                frameworkProperty("org.jqga.deployDir").value(DEPLOY.toString()),
                frameworkProperty("org.jqga.commandTimeoutMillis").value("1500"),
                // -Djqga.itest.swapWaitMillis=0 shows what the wait is for: the swap test then fails
                frameworkProperty("org.jqga.swapWaitMillis").value(System.getProperty("jqga.itest.swapWaitMillis", "5000")));
    }

    /** The example bundle with its Bundle-Version set to {@code version}: one jar per "release". */
    private static byte[] exampleVersion(String version) throws IOException {
        Path original = Path.of(System.getProperty("jqga.itest.bundles"), "jqga-example-disk-usage.jar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(Files.readAllBytes(original)))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void writePolicy(String content) throws IOException {
        Path staged = Files.writeString(DIR.resolve("policy.tmp"), content);
        Files.move(staged, DIR.resolve("policy.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** As an admin should: write beside, then rename in. */
    private static void dropIntoDeployFolder(String fileName, byte[] jar) throws IOException {
        Path staged = DEPLOY.resolve("." + fileName + ".tmp");
        Files.write(staged, jar);
        Files.move(staged, DEPLOY.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Bundle example() {
        for (Bundle bundle : context.getBundles()) {
            if (EXAMPLE.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private JsonNode call(AgentClient client, String request) throws IOException {
        return json.readTree(client.request(request));
    }

    private JsonNode ok(AgentClient client, String request) throws IOException {
        JsonNode reply = call(client, request);
        assertTrue(request + " -> " + reply, reply.has("return"));
        return reply.get("return");
    }

    private static String bundleRequest(String command, byte[] jar) {
        return "{\"execute\":\"" + command + "\",\"arguments\":{\"bundle-b64\":\"" + Base64.getEncoder().encodeToString(jar) + "\"}}";
    }

    private static String byName(String command, String symbolicName) {
        return "{\"execute\":\"" + command + "\",\"arguments\":{\"symbolic-name\":\"" + symbolicName + "\"}}";
    }

    private static JsonNode listed(JsonNode bundleList, String symbolicName) {
        for (JsonNode entry : bundleList) {
            if (symbolicName.equals(entry.get("symbolic-name").asText())) {
                return entry;
            }
        }
        return null;
    }

    private static Boolean enabledInGuestInfo(JsonNode info, String command) {
        for (JsonNode entry : info.get("supported_commands")) {
            if (command.equals(entry.get("name").asText())) {
                return entry.get("enabled").asBoolean();
            }
        }
        return null;
    }

    @Test
    public void installUpdateRollbackAndRemoveThroughVendorCommands() throws Exception {
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            JsonNode installed = ok(client, bundleRequest("__org.jqga_bundle-install", exampleVersion("1.0.1")));
            assertEquals(EXAMPLE, installed.get("symbolic-name").asText());
            assertEquals("1.0.1", installed.get("version").asText());
            assertEquals("ACTIVE", installed.get("state").asText());
            // <symbolic name>.jar, or the file the bundle had before if it was deployed earlier (its history is there)
            Path file = DEPLOY.resolve(installed.get("file").asText());
            assertTrue(Files.exists(file));
            long id = installed.get("id").asLong();

            JsonNode usage = ok(client, "{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"" + DIR + "\"}}");
            assertTrue(usage.get("total-bytes").asLong() > 0);
            assertEquals(Boolean.TRUE, enabledInGuestInfo(ok(client, "{\"execute\":\"guest-info\"}"), COMMAND));
            // blocked by policy: still listed, enabled false
            writePolicy("{\"allow-risk\": [\"admin\"], \"block\": [\"" + COMMAND + "\"]}");
            await("guest-info shows it disabled", () -> Boolean.FALSE.equals(enabledInGuestInfo(ok(client, "{\"execute\":\"guest-info\"}"), COMMAND)));
            writePolicy("{\"allow-risk\": [\"admin\"]}");
            await("guest-info shows it enabled again", () -> Boolean.TRUE.equals(enabledInGuestInfo(ok(client, "{\"execute\":\"guest-info\"}"), COMMAND)));

            assertEquals("GenericError", call(client, bundleRequest("__org.jqga_bundle-install", exampleVersion("1.0.1")))
                    .get("error").get("class").asText());

            JsonNode updated = ok(client, bundleRequest("__org.jqga_bundle-update", exampleVersion("1.0.2")));
            assertEquals("1.0.2", updated.get("version").asText());
            assertEquals("updated in place: same bundle", id, updated.get("id").asLong());
            JsonNode entry = listed(ok(client, "{\"execute\":\"__org.jqga_bundle-list\"}"), EXAMPLE);
            assertEquals("1.0.2", entry.get("version").asText());
            assertEquals("1.0.1", entry.get("previous-version").asText());
            assertTrue(entry.get("deployed").asBoolean());
            assertEquals(COMMAND, entry.get("commands").get(0).asText());

            assertEquals("1.0.1", ok(client, byName("__org.jqga_bundle-rollback", EXAMPLE)).get("version").asText());
            assertEquals("1.0.1", example().getVersion().toString());
            ok(client, "{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"/\"}}");

            JsonNode engine = listed(ok(client, "{\"execute\":\"__org.jqga_bundle-list\"}"), "org.jqga.engine");
            assertTrue(!engine.get("deployed").asBoolean());
            assertEquals("bundle org.jqga.engine is not a deployed bundle; only bundles of the deploy folder can be removed",
                    call(client, byName("__org.jqga_bundle-remove", "org.jqga.engine")).get("error").get("desc").asText());

            assertEquals("UNINSTALLED", ok(client, byName("__org.jqga_bundle-remove", EXAMPLE)).get("state").asText());
            long start = System.nanoTime();
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + COMMAND + " has not been found\"}}",
                    client.request("{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"/\"}}"));
            assertTrue("a removed bundle's command is not waited for", (System.nanoTime() - start) / 1_000_000 < 2_000);
            assertEquals(null, enabledInGuestInfo(ok(client, "{\"execute\":\"guest-info\"}"), COMMAND));
            assertTrue(!Files.exists(file));
        }
    }

    /**
     * THE swap test: one host connection (the unix socket serves one client at a time) loops over guest-file-open,
     * -read, -close of a temp file, the custom command, guest-info and bundle-list, while the example bundle is
     * updated ten times through the deploy folder. After each update the loop must see that version live.
     */
    @Test
    public void noRequestIsLostWhileTheBundleIsUpdatedTenTimes() throws Exception {
        Path data = Files.writeString(DIR.resolve("data.txt"), "hot swap payload");
        String fileName = "disk-usage.jar";
        dropIntoDeployFolder(fileName, exampleVersion("2.0.0"));
        await("version 2.0.0 active", () -> example() != null && example().getState() == Bundle.ACTIVE
                && "2.0.0".equals(example().getVersion().toString()));
        long bundleId = example().getBundleId();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger customAnswered = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> liveVersionSeen = new AtomicReference<>("");
        AtomicReference<Boolean> enabledSeen = new AtomicReference<>(null);
        Thread host = new Thread(() -> {
            try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
                while (running.get()) {
                    sent.incrementAndGet();
                    JsonNode open = call(client, "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + data + "\",\"mode\":\"r\"}}");
                    answered.incrementAndGet();
                    if (!open.has("return")) {
                        errors.add("open: " + open);
                        continue;
                    }
                    long handle = open.get("return").asLong();
                    String[] requests = {
                        "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + "}}",
                        "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}",
                        "{\"execute\":\"" + COMMAND + "\",\"arguments\":{\"path\":\"" + DIR + "\"}}",
                        "{\"execute\":\"guest-info\"}",
                        "{\"execute\":\"__org.jqga_bundle-list\"}",
                    };
                    for (String request : requests) {
                        sent.incrementAndGet();
                        JsonNode reply = call(client, request);
                        answered.incrementAndGet();
                        if (!reply.has("return")) {
                            errors.add(request + " -> " + reply);
                            continue;
                        }
                        if (request.contains(COMMAND)) {
                            customAnswered.incrementAndGet();
                        } else if (request.contains("guest-info")) {
                            enabledSeen.set(enabledInGuestInfo(reply.get("return"), COMMAND));
                        } else if (request.contains("bundle-list")) {
                            JsonNode entry = listed(reply.get("return"), EXAMPLE);
                            liveVersionSeen.set(entry == null ? "absent" : entry.get("version").asText() + "/" + entry.get("state").asText());
                        }
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                errors.add("host connection failed: " + e);
            }
        }, "hot-swap-host");
        host.start();
        try {
            await("the host loop running", () -> customAnswered.get() > 5);
            for (int release = 1; release <= 10; release++) {
                String version = "2.0." + release;
                int customBefore = customAnswered.get();
                dropIntoDeployFolder(fileName, exampleVersion(version));
                await("bundle " + version + " active", () -> example() != null && example().getState() == Bundle.ACTIVE
                        && version.equals(example().getVersion().toString()));
                assertEquals("updated in place", bundleId, example().getBundleId());
                await("the host sees " + version + " live through bundle-list", () -> liveVersionSeen.get().equals(version + "/ACTIVE"));
                enabledSeen.set(null);
                await("guest-info lists " + COMMAND + " enabled after " + version, () -> Boolean.TRUE.equals(enabledSeen.get()));
                await("the custom command answered by " + version, () -> customAnswered.get() > customBefore + 2);
                assertTrue(errors.toString(), errors.isEmpty());
            }
        } finally {
            running.set(false);
            host.join(30_000);
        }
        assertTrue("errors during the swaps: " + errors, errors.isEmpty());
        assertEquals("every request answered", sent.get(), answered.get());
        assertTrue("the loop kept going: " + sent.get() + " requests", sent.get() > 100);
        System.out.println("HotSwapIT: " + sent.get() + " requests, " + customAnswered.get()
                + " custom-command replies, 10 updates, 0 errors");
        Files.delete(DEPLOY.resolve(fileName));
        await("the example bundle uninstalled", () -> example() == null);
    }

    /** A handler that never returns in time (it does end when interrupted, as the runner abandons it). */
    public static final class HangingCommand implements Command<NoArguments> {
        @Override
        public Object execute(NoArguments arguments, CommandContext context) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return NoResult.INSTANCE;
        }
    }

    /** A handler with a bug. */
    public static final class ThrowingCommand implements Command<NoArguments> {
        @Override
        public Object execute(NoArguments arguments, CommandContext context) {
            throw new IllegalStateException("bug in a command bundle");
        }
    }

    private ServiceRegistration<?> register(String name, Command<?> command) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(GuestCommand.NAME_PROPERTY, name);
        properties.put(GuestCommand.RISK_PROPERTY, RiskGroup.INFO);
        return context.registerService(Command.class.getName(), command, properties);
    }

    @Test
    public void hangingThrowingAndUnstartableBundlesCostOneErrorReplyEach() throws Exception {
        ServiceRegistration<?> hang = register("__org.jqga-itest_hang", new HangingCommand());
        ServiceRegistration<?> fail = register("__org.jqga-itest_throw", new ThrowingCommand());
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            long start = System.nanoTime();
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"command __org.jqga-itest_hang timed out after 1500 ms\"}}",
                    client.request("{\"execute\":\"__org.jqga-itest_hang\"}"));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue("bounded by org.jqga.commandTimeoutMillis: " + waited, waited >= 1_400 && waited < 10_000);
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"command __org.jqga-itest_throw failed: "
                    + "java.lang.IllegalStateException: bug in a command bundle\"}}", client.request("{\"execute\":\"__org.jqga-itest_throw\"}"));

            // a bundle whose activator cannot load: installed, not started, reported; the agent carries on
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.unstartable");
            manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
            manifest.getMainAttributes().putValue("Bundle-Activator", "com.example.unstartable.Missing");
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            new JarOutputStream(jar, manifest).close();
            JsonNode reply = call(client, bundleRequest("__org.jqga_bundle-install", jar.toByteArray()));
            assertEquals("GenericError", reply.get("error").get("class").asText());
            assertTrue(reply.toString(), reply.get("error").get("desc").asText().startsWith("installed but failed to start"));
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            ok(client, byName("__org.jqga_bundle-remove", "com.example.unstartable"));
        } finally {
            hang.unregister();
            fail.unregister();
        }
    }
}
