package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built distribution as a real guest agent: bin/jqga runs inside a throw-away QEMU guest on the
 * virtio-serial port {@value TestVm#GUEST_PORT}, and the test is the host, speaking through qemu's
 * unix socket as libvirt would. One VM for the whole class (booting one costs tens of seconds under TCG).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class VirtioSerialVmIT {

    private static final Duration GUEST_READY_WITHIN = Duration.ofSeconds(300);
    /** The JVM and Felix on an emulated CPU take 10-60 s to start; allow for a loaded CI machine. */
    private static final Duration FIRST_ANSWER_WITHIN = Duration.ofMinutes(4);
    private static final Duration ANSWER_AGAIN_WITHIN = Duration.ofMinutes(1);

    private final ObjectMapper json = new ObjectMapper();
    private TestVm vm;
    private QgaClient client;

    @RegisterExtension
    final VmTestOutcome outcome = new VmTestOutcome();

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void bootGuestWithJqga() throws Exception {
        try {
            Path jqga = TestVm.builtJqga();
            Path script = TestVm.locateScript();

            long bootStarted = System.nanoTime();
            // the guest sees the host's root read-only at the same paths, so the host's JDK and the
            // built distribution are there as they are; state and log go to the guest's tmpfs
            vm = TestVm.boot(script, guestCommand(jqga), Map.of("JAVA_HOME", System.getProperty("java.home")),
                    GUEST_READY_WITHIN);
            long guestReady = System.nanoTime();
            client = DelimitedSyncHandshake.connect(vm.agentSocket(), FIRST_ANSWER_WITHIN, vm::checkRunning);
            long firstAnswer = System.nanoTime();
            System.out.printf("VirtioSerialVmIT: boot -> guest ready %.1f s, guest ready -> first answer %.1f s,"
                    + " boot -> first answer %.1f s (run dir %s)%n", seconds(guestReady - bootStarted),
                    seconds(firstAnswer - guestReady), seconds(firstAnswer - bootStarted), vm.runDir());
        } catch (Throwable e) {
            outcome.markFailed();
            throw e;
        }
    }

    /** Shell code run by the guest: bin/jqga exactly as a user would run it on a VM, after noting which java. */
    private static String guestCommand(Path jqga) {
        return TestVm.jqgaGuestCommand(jqga, "echo \"java: $(command -v java) JAVA_HOME=$JAVA_HOME\"\n");
    }

    @AfterAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stopGuest() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            outcome.stop(vm, "VirtioSerialVmIT");
        }
    }

    @Test
    void guestSyncEchoesItsId() throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        JsonNode reply = request("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":" + id + "}}");
        assertEquals(id, reply.path("return").asLong(), reply.toString());
        assertTrue(reply.path("return").isIntegralNumber(), reply.toString());
    }

    @Test
    void guestPingReturnsAnEmptyObject() throws Exception {
        assertEquals(json.readTree("{\"return\": {}}"), request("{\"execute\":\"guest-ping\"}"));
    }

    @Test
    void guestInfoReportsTheVersionAndTheCoreCommands() throws Exception {
        String version = System.getProperty("jqga.version");
        assertNotNull(version, "system property jqga.version is not set (failsafe sets it from the pom)");
        JsonNode info = request("{\"execute\":\"guest-info\"}").path("return");
        assertEquals(version, info.path("version").asText(), info.toString());
        Map<String, JsonNode> commands = new HashMap<>();
        info.path("supported_commands").forEach(c -> commands.put(c.path("name").asText(), c));
        for (String name : List.of("guest-ping", "guest-sync", "guest-sync-delimited", "guest-info")) {
            assertTrue(commands.containsKey(name), name + " missing from " + info);
            assertTrue(commands.get(name).path("enabled").asBoolean(), name + " not enabled: " + commands.get(name));
        }
    }

    /**
     * virtio-serial has no connections: the guest sees a host disconnect only as reads returning EOF
     * and blocked writes, so the agent must keep the port open and serve whoever connects next,
     * even if the last host left a request half-sent.
     */
    /**
     * Megabytes through the real port both ways: large guest-file-write arguments (decoded into lent buffers) and
     * large guest-file-reads (read from the file while the reply is sent) keep every byte.
     */
    @Test
    void aFileOfSeveralMegabytesGoesInAndComesBackWhole() throws Exception {
        byte[] data = new byte[(3 << 20) + 12345];
        ThreadLocalRandom.current().nextBytes(data);
        long handle = request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":"
                + "\"/tmp/jqga-vm-transfer.bin\",\"mode\":\"w+\"}}").path("return").asLong();
        int chunk = 1 << 20;
        for (int from = 0; from < data.length; from += chunk) {
            byte[] piece = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + chunk));
            JsonNode written = request("{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + handle
                    + ",\"buf-b64\":\"" + java.util.Base64.getEncoder().encodeToString(piece) + "\"}}");
            assertEquals(piece.length, written.path("return").path("count").asInt(), written.toString());
        }
        request("{\"execute\":\"guest-file-seek\",\"arguments\":{\"handle\":" + handle + ",\"offset\":0,"
                + "\"whence\":\"set\"}}");
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        JsonNode read;
        do {
            read = request("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle
                    + ",\"count\":" + (2 << 20) + "}}").path("return");
            byte[] bytes = read.path("buf-b64").binaryValue();
            assertEquals(read.path("count").asInt(), bytes.length);
            back.writeBytes(bytes);
        } while (!read.path("eof").asBoolean());
        request("{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
        assertTrue(java.util.Arrays.equals(data, back.toByteArray()), "the bytes came back changed: "
                + back.size() + " of " + data.length);
    }

    @Test
    @Order(Integer.MAX_VALUE) // replaces the shared client: last, so a failure here cannot cascade
    void aHostThatReconnectsIsServedAgainOnTheSamePort() throws Exception {
        client.send("{\"execute\":\"guest-ping\",\"arguments\":{");
        client.close();
        client = null;
        Thread.sleep(3_000); // long enough for the agent to see EOF on the port a number of times
        assertTrue(vm.isRunning(), "the VM powered off after the host disconnected, i.e. the agent exited:\n" + vm.consoleTail(60));

        long reconnected = System.nanoTime();
        client = DelimitedSyncHandshake.connect(vm.agentSocket(), ANSWER_AGAIN_WITHIN, vm::checkRunning);
        System.out.printf("VirtioSerialVmIT: reconnect -> in sync again %.1f s%n", seconds(System.nanoTime() - reconnected));
        assertEquals(json.readTree("{\"return\": {}}"), request("{\"execute\":\"guest-ping\"}"));
    }

    private JsonNode request(String request) throws Exception {
        return json.readTree(client.request(request));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
