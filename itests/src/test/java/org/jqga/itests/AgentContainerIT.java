package org.jqga.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.jqga.api.Command;
import org.jqga.api.CommandCatalog;
import org.jqga.api.GuestCommand;
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
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The production bundles in a real Felix: they resolve and start, commands register as services,
 * the unix-listen transport serves them, and stopping a command bundle takes its commands away
 * for the next request while the host channel stays up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentContainerIT {

    private static final Path SOCKET = Path.of(System.getProperty("java.io.tmpdir"),
            "jqga-itest-" + ProcessHandle.current().pid() + ".sock");

    private static final Path STATE = ScratchDirectory.removedAtExit("jqga-itest-state-");

    @Inject
    private BundleContext context;

    @Inject
    private CommandCatalog catalog;

    @Inject
    private Transport transport;

    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() {
        return options(
                JqgaOptions.agentBundles(),
                frameworkProperty("org.jqga.method").value("unix-listen"),
                frameworkProperty("org.jqga.path").value(SOCKET.toString()),
                frameworkProperty("org.jqga.blockRpcs").value("guest-sync"),
                frameworkProperty("org.jqga.statedir").value(STATE.toString()));
    }

    @Test
    public void everyAgentBundleIsActive() {
        Set<String> active = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE) {
                active.add(bundle.getSymbolicName());
            }
        }
        for (String expected : Set.of("org.jqga.api", "org.jqga.engine", "org.jqga.posix", "org.jqga.commands.core",
                "org.jqga.commands.file", "org.jqga.transport.virtio")) {
            assertTrue(expected + " active in " + active, active.contains(expected));
        }
    }

    private Set<String> registeredCommandNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (ServiceReference<Command> reference : context.getServiceReferences(Command.class, null)) {
            names.add((String) reference.getProperty(GuestCommand.NAME_PROPERTY));
        }
        return names;
    }

    @Test
    public void coreAndFileCommandsAreRegisteredServices() throws Exception {
        Set<String> names = registeredCommandNames();
        assertTrue(names.toString(), names.containsAll(Set.of("guest-file-open", "guest-file-read", "guest-file-write",
                "guest-file-seek", "guest-file-flush", "guest-file-close")));
        assertTrue(names.toString(), names.containsAll(Set.of("guest-ping", "guest-sync", "guest-sync-delimited", "guest-info")));
        boolean syncEnabled = catalog.commands().stream().filter(c -> c.name().equals("guest-sync")).findFirst().orElseThrow().enabled();
        assertEquals("guest-sync is blocked by org.jqga.blockRpcs", false, syncEnabled);
    }

    @Test
    public void transportServesTheCoreCommandsOverItsSocket() throws Exception {
        assertEquals("unix-listen", transport.method());
        assertEquals(SOCKET.toString(), transport.path());
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            assertEquals("{\"return\": 7, \"id\": \"x\"}", client.request("{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":7},\"id\":\"x\"}").replace("\u00ff", ""));
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-sync has been disabled\"}}",
                    client.request("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1}}"));
            JsonNode info = json.readTree(client.request("{\"execute\":\"guest-info\"}")).get("return");
            assertEquals("0.0.0-itest", info.get("version").asText());
            Set<String> listed = new TreeSet<>();
            info.get("supported_commands").forEach(c -> listed.add(c.get("name").asText()));
            assertEquals("guest-info lists exactly the registered command services", registeredCommandNames(), listed);
        }
    }

    @Test
    public void stoppingTheCommandBundleRemovesItsCommandsWithoutDroppingTheChannel() throws Exception {
        Bundle core = bundle("org.jqga.commands.core");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            core.stop();
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command guest-ping has not been found\"}}",
                    client.request("{\"execute\":\"guest-ping\"}"));
            core.start();
            awaitCommand("guest-ping");
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
        } finally {
            if (core.getState() != Bundle.ACTIVE) {
                core.start();
            }
        }
        assertTrue(Files.exists(SOCKET));
    }

    /**
     * Updating the file-commands bundle while the host holds a handle: the old bundle's handles are closed
     * (never leaked), the host gets qemu-ga's clear "has not been found" error for them, and numbering goes
     * on without reuse, because the counter lives in the statedir.
     */
    @Test
    public void updatingTheFileBundleClosesItsHandlesWithAClearErrorAndNeverReusesNumbers() throws Exception {
        Files.createDirectories(STATE);
        Path file = Files.writeString(STATE.resolve("data.txt"), "hello");
        Bundle files = bundle("org.jqga.commands.file");
        try (AgentClient client = AgentClient.connect(SOCKET, 10_000)) {
            long handle = json.readTree(client.request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file + "\"}}"))
                    .get("return").asLong();
            assertEquals("{\"return\": {\"count\": 2, \"buf-b64\": \"aGU=\", \"eof\": false}}",
                    client.request("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + ",\"count\":2}}"));
            files.update();
            awaitCommand("guest-file-read");
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"handle '" + handle + "' has not been found\"}}",
                    client.request("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + "}}"));
            long next = json.readTree(client.request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file + "\"}}"))
                    .get("return").asLong();
            assertEquals(handle + 1, next);
            assertEquals("{\"return\": {\"count\": 5, \"buf-b64\": \"aGVsbG8=\", \"eof\": true}}",
                    client.request("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + next + "}}"));
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void awaitCommand(String name) throws Exception {
        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Command.class.getName() + ")(" + GuestCommand.NAME_PROPERTY + "=" + name + "))"), null);
        tracker.open();
        try {
            assertNotNull(name + " registered again", tracker.waitForService(10_000));
        } finally {
            tracker.close();
        }
    }
}
