package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The commands that change the system, done for real: inside a throw-away QEMU guest (its root filesystem is a
 * tmpfs overlay over the host's read-only root, so nothing reaches this machine) the distribution's bin/jqga
 * sets the clock, writes root's authorized_keys, touches a memory block and finally powers the guest off.
 * One VM for the class; the shutdown comes last because it ends the VM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SystemActionsVmIT {

    private static final Duration GUEST_READY_WITHIN = Duration.ofSeconds(300);
    private static final Duration FIRST_ANSWER_WITHIN = Duration.ofMinutes(4);
    private static final Duration FIRST_NATIVE_USE_WITHIN = Duration.ofMinutes(3);
    private static final long ONE_DAY_NS = 86_400L * 1_000_000_000L;
    /** Generous: the emulated guest is slow, and its clock is read before and after over the channel. */
    private static final long CLOCK_SLACK_NS = 120L * 1_000_000_000L;
    private static final String TEST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJqgaTestKeyOnlyForTheVmTest0000 jqga-vm-test";

    private final ObjectMapper json = new ObjectMapper();
    private Path script;
    private TestVm vm;
    private QgaClient client;

    @RegisterExtension
    final VmTestOutcome outcome = new VmTestOutcome();

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void bootGuestWithJqga() throws Exception {
        try {
            Path jqga = TestVm.builtJqga();
            script = TestVm.locateScript();
            vm = TestVm.boot(script, guestCommand(jqga), Map.of("JAVA_HOME", System.getProperty("java.home")),
                    GUEST_READY_WITHIN);
            client = DelimitedSyncHandshake.connect(vm.agentSocket(), FIRST_ANSWER_WITHIN, vm::checkRunning);
        } catch (Throwable e) {
            outcome.markFailed();
            throw e;
        }
    }

    private static String guestCommand(Path jqga) {
        String agent = String.join(" ", List.of("'" + jqga.toString().replace("'", "'\\''") + "'", "-m", "virtio-serial",
                "-p", TestVm.GUEST_PORT, "-t", "/tmp/jqga-state", "-v", "-l", "/tmp/jqga.log"));
        return "mkdir -p /tmp/jqga-state && touch /tmp/jqga.log\n"
                + "tail -n +1 -F /tmp/jqga.log 2>/dev/null | sed -u 's/^/jqga.log: /' &\n"
                + "echo \"guest date before: $(date -u +%s)\"\n"
                + agent + "\n"
                + "status=$?; echo \"guest date after: $(date -u +%s)\"; sleep 1; echo \"jqga exited with status $status\"; exit $status\n";
    }

    @AfterAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stopGuest() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            outcome.stop(vm, "SystemActionsVmIT");
        }
    }

    @Test
    @Order(1)
    void theSystemCommandsAreRegisteredWithTheirReplyBehaviour() throws Exception {
        JsonNode info = request("{\"execute\":\"guest-info\"}").path("return");
        Map<String, JsonNode> commands = new HashMap<>();
        info.path("supported_commands").forEach(c -> commands.put(c.path("name").asText(), c));
        for (String name : List.of("guest-shutdown", "guest-suspend-disk", "guest-suspend-ram", "guest-suspend-hybrid",
                "guest-set-time", "guest-set-user-password", "guest-ssh-get-authorized-keys",
                "guest-ssh-add-authorized-keys", "guest-ssh-remove-authorized-keys", "guest-set-vcpus",
                "guest-set-memory-blocks")) {
            JsonNode command = commands.get(name);
            assertTrue(command != null, name + " missing from " + info);
            assertTrue(command.path("enabled").asBoolean(), name + " not enabled: " + command);
            boolean silentOnSuccess = name.equals("guest-shutdown") || name.startsWith("guest-suspend-");
            assertEquals(!silentOnSuccess, command.path("success-response").asBoolean(), command.toString());
        }
    }

    @Test
    @Order(2)
    void guestSetTimeMovesTheGuestClockByADay() throws Exception {
        long before = guestTime();
        JsonNode reply = request("{\"execute\":\"guest-set-time\",\"arguments\":{\"time\":" + (before + ONE_DAY_NS) + "}}");
        assertEquals(json.readTree("{\"return\": {}}"), reply, "set-time (settimeofday via date, then hwclock -w)");
        long after = guestTime();
        long moved = after - before;
        assertTrue(moved >= ONE_DAY_NS && moved < ONE_DAY_NS + CLOCK_SLACK_NS,
                "the guest clock moved by " + moved + " ns, expected one day: " + before + " -> " + after);

        // and back from the RTC, which hwclock -w set to the new time: the clock stays a day ahead
        assertEquals(json.readTree("{\"return\": {}}"), request("{\"execute\":\"guest-set-time\"}"), "hwclock -s");
        long fromRtc = guestTime() - before;
        assertTrue(fromRtc >= ONE_DAY_NS - 2_000_000_000L && fromRtc < ONE_DAY_NS + CLOCK_SLACK_NS,
                "after hwclock -s the guest clock is " + fromRtc + " ns ahead, expected about a day");
    }

    @Test
    @Order(3)
    void rootsAuthorizedKeysAreWrittenAndReadBack() throws Exception {
        // reset: the guest sees the host's /root read-only underneath; never read or keep what might be there
        JsonNode added = firstNativeRequest("{\"execute\":\"guest-ssh-add-authorized-keys\",\"arguments\":{\"username\":\"root\","
                + "\"keys\":[" + json.writeValueAsString(TEST_KEY) + "],\"reset\":true}}");
        assertEquals(json.readTree("{\"return\": {}}"), added);
        JsonNode keys = request("{\"execute\":\"guest-ssh-get-authorized-keys\",\"arguments\":{\"username\":\"root\"}}");
        assertEquals(json.readTree("{\"return\": {\"keys\": [" + json.writeValueAsString(TEST_KEY) + "]}}"), keys);
        JsonNode removed = request("{\"execute\":\"guest-ssh-remove-authorized-keys\",\"arguments\":{\"username\":\"root\","
                + "\"keys\":[" + json.writeValueAsString(TEST_KEY) + "]}}");
        assertEquals(json.readTree("{\"return\": {}}"), removed);
        assertEquals(json.readTree("{\"return\": {\"keys\": []}}"),
                request("{\"execute\":\"guest-ssh-get-authorized-keys\",\"arguments\":{\"username\":\"root\"}}"));
        JsonNode unknown = request("{\"execute\":\"guest-ssh-get-authorized-keys\",\"arguments\":{\"username\":\"jqga-nobody-x\"}}");
        assertEquals("failed to lookup user 'jqga-nobody-x': No such user", unknown.path("error").path("desc").asText(), unknown.toString());
    }

    @Test
    @Order(4)
    void aMemoryBlockAndTheBootVcpuCanBeSetToTheStateTheyAreIn() throws Exception {
        JsonNode blocks = request("{\"execute\":\"guest-get-memory-blocks\"}").path("return");
        if (blocks.isArray() && blocks.size() > 0) {
            JsonNode first = blocks.get(0);
            JsonNode result = firstNativeRequest("{\"execute\":\"guest-set-memory-blocks\",\"arguments\":{\"mem-blks\":[{\"phys-index\":"
                    + first.path("phys-index") + ",\"online\":" + first.path("online") + "}]}}");
            assertEquals(json.readTree("{\"return\": [{\"phys-index\": " + first.path("phys-index")
                    + ", \"response\": \"success\"}]}"), result);
        }
        JsonNode missing = request("{\"execute\":\"guest-set-memory-blocks\",\"arguments\":{\"mem-blks\":[{\"phys-index\":"
                + "999999,\"online\":true}]}}");
        JsonNode response = missing.path("return").path(0);
        assertTrue(response.path("response").asText().equals("not-found")
                || response.path("response").asText().equals("operation-not-supported"), missing.toString());
        assertEquals(2, response.path("error-code").asInt(), missing.toString());
        assertEquals(json.readTree("{\"return\": 1}"), request(
                "{\"execute\":\"guest-set-vcpus\",\"arguments\":{\"vcpus\":[{\"logical-id\":0,\"online\":true}]}}"));
    }

    @Test
    @Order(5)
    void guestExecRunsAProgramInTheGuestAndReportsItsOutput() throws Exception {
        JsonNode started = firstNativeRequest("{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/sh\","
                + "\"arg\":[\"-c\",\"echo in-guest; cat /proc/sys/kernel/hostname; exit 3\"],\"capture-output\":true}}");
        long pid = started.path("return").path("pid").asLong();
        assertTrue(pid > 0, started.toString());
        JsonNode status;
        long deadline = System.nanoTime() + 120_000_000_000L;
        do {
            Thread.sleep(200);
            status = request("{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}").path("return");
        } while (!status.path("exited").asBoolean() && System.nanoTime() < deadline);
        assertTrue(status.path("exited").asBoolean(), status.toString());
        assertEquals(3, status.path("exitcode").asInt(), status.toString());
        String out = new String(java.util.Base64.getDecoder().decode(status.path("out-data").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("in-guest\nbtv-guest\n", out, "ran inside the VM, whose host name is btv-guest");
    }

    @Test
    @Order(Integer.MAX_VALUE) // ends the VM
    void guestShutdownPowersTheGuestOffWithoutAReply() throws Exception {
        JsonNode refused = request("{\"execute\":\"guest-shutdown\",\"arguments\":{\"mode\":\"sleep\"}}");
        assertEquals("mode is invalid (valid values are: halt|powerdown|reboot", refused.path("error").path("desc").asText(),
                refused.toString());
        assertTrue(vm.isRunning());

        client.send("{\"execute\":\"guest-shutdown\",\"arguments\":{\"mode\":\"powerdown\"}}\n");
        assertTrue(client.silentFor(3_000), "guest-shutdown answered on success");
        Process waitExit = new ProcessBuilder(script.toString(), "wait-exit", vm.runDir().toString(), "120")
                .redirectErrorStream(true).start();
        assertTrue(waitExit.waitFor(150, TimeUnit.SECONDS), "boot-test-vm wait-exit did not return");
        String output = new String(waitExit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, waitExit.exitValue(), "the VM did not power off: " + output + "\n" + vm.consoleTail(40));
        assertFalse(vm.isRunning());
        String console = vm.consoleTail(60);
        assertFalse(console.contains("jqga exited with status"), "the agent exited by itself rather than being"
                + " stopped by the power-off:\n" + console);
    }

    private long guestTime() throws IOException {
        JsonNode reply = request("{\"execute\":\"guest-get-time\"}");
        assertTrue(reply.path("return").isIntegralNumber(), reply.toString());
        return reply.path("return").asLong();
    }

    private JsonNode request(String request) throws IOException {
        return json.readTree(client.request(request));
    }

    /**
     * For the first command that binds libc through jnr (getpwnam for the ssh keys, open/read/write with errno for
     * memory blocks): jnr generates its glue with ASM on first use, which takes well under 2 s on real hardware but
     * 30-60 s on this emulated CPU.
     */
    private JsonNode firstNativeRequest(String request) throws IOException {
        client.send(request);
        return json.readTree(client.readLine(FIRST_NATIVE_USE_WITHIN.toMillis()));
    }
}
