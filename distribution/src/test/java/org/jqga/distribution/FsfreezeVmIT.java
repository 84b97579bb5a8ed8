package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * guest-fsfreeze-freeze without a list, for real, inside a throw-away QEMU guest (never on this machine): the
 * guest's ext4 data disk (/mnt/data) holds the agent's log file, its state directory and so its Felix bundle cache,
 * and the freeze hook. Frozen, the agent must keep answering with -v logging going on, write nothing to the disk,
 * ignore SIGTERM, come back frozen after SIGKILL, and thaw on request or by its watchdog.
 *
 * <p>The host cannot signal a guest process, so the guest command is a small supervisor: it restarts bin/jqga
 * whenever it exits, sends it SIGTERM/SIGKILL when the test drops a request file into a directory shared with the
 * guest (--share-rw), and reports there the data disk's log file size, the agent's exits and the hook's calls.
 * TestVm is reused as it is, through a wrapper around boot-test-vm that adds the data disk and the shared directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FsfreezeVmIT {

    private static final Duration GUEST_READY_WITHIN = Duration.ofSeconds(300);
    private static final Duration FIRST_ANSWER_WITHIN = Duration.ofMinutes(4);
    private static final Duration RESTART_ANSWER_WITHIN = Duration.ofMinutes(3);
    private static final Duration GUEST_REPORT_WITHIN = Duration.ofSeconds(30);
    private static final Duration FROZEN_PERIOD = Duration.ofSeconds(20);
    private static final int AUTO_THAW_SECONDS = 10;
    private static final String DISABLED = "has been disabled: the agent is in frozen state";
    private static final String LOG = "/mnt/data/jqga.log";

    private final ObjectMapper json = new ObjectMapper();
    private Path work;
    private Path share;
    private TestVm vm;
    private QgaClient client;

    @RegisterExtension
    final VmTestOutcome outcome = new VmTestOutcome();

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void bootGuestWithJqgaOnTheDataDisk() throws Exception {
        try {
            Path jqga = TestVm.builtJqga();
            Path script = TestVm.locateScript();
            work = Files.createTempDirectory("jqga-fsfreeze-vm");
            share = Files.createDirectory(work.resolve("share"));

            long bootStarted = System.nanoTime();
            vm = TestVm.boot(withDataDiskAndShare(script), guestCommand(jqga),
                    Map.of("JAVA_HOME", System.getProperty("java.home"), "JQGA_SHARE", share.toString()),
                    GUEST_READY_WITHIN);
            client = DelimitedSyncHandshake.connect(vm.agentSocket(), FIRST_ANSWER_WITHIN, vm::checkRunning);
            System.out.printf("FsfreezeVmIT: boot -> first answer %.1f s (run dir %s, share %s)%n",
                    seconds(System.nanoTime() - bootStarted), vm.runDir(), share);
        } catch (Throwable e) {
            outcome.markFailed();
            throw e;
        }
    }

    /** boot-test-vm with a 64M ext4 data disk and the shared directory added to every start. */
    private Path withDataDiskAndShare(Path script) throws IOException {
        Path wrapper = work.resolve("boot-test-vm-with-data-disk");
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "if [ \"$1\" = start ]; then\n"
                + "    shift\n"
                + "    exec " + quoted(script.toString()) + " start --data-disk-size 64M --share-rw "
                + quoted(share.toString()) + " \"$@\"\n"
                + "fi\n"
                + "exec " + quoted(script.toString()) + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    /**
     * The guest's supervisor (shell code). Everything it reports goes to $JQGA_SHARE, never to the data disk;
     * the hook (on the data disk, run only while it is thawed) logs its argument there too.
     */
    private static String guestCommand(Path jqga) {
        String agent = String.join(" ", List.of(quoted(jqga.toString()), "-m", "virtio-serial", "-p", TestVm.GUEST_PORT,
                "-t", "/mnt/data/state", "-l", LOG, "-v", "-F/mnt/data/fsfreeze-hook"));
        return "S=$JQGA_SHARE\n"
                + "mkdir -p /mnt/data/state\n"
                + "printf '#!/bin/sh\\necho \"$1\" >> %s/hook.log\\n' \"$S\" > /mnt/data/fsfreeze-hook\n"
                + "chmod +x /mnt/data/fsfreeze-hook\n"
                + "grep ' /mnt/data ' /proc/mounts\n"
                + "(\n"
                + "  i=0\n"
                + "  while :; do\n"
                + "    i=$((i+1))\n"
                + "    for sig in TERM KILL; do\n"
                + "      if [ -e \"$S/send-$sig\" ]; then\n"
                + "        rm -f \"$S/send-$sig\"\n"
                + "        pid=$(cat \"$S/agent.pid\")\n"
                + "        kill -$sig \"$pid\" && echo \"SIG$sig $pid\" >> \"$S/signals\"\n"
                + "      fi\n"
                + "    done\n"
                + "    if [ -e \"$S/inspect\" ]; then\n"
                + "      rm -f \"$S/inspect\"\n"
                + "      pid=$(cat \"$S/agent.pid\")\n"
                + "      { ls -l /proc/$pid/fd; echo '--- maps'; cat /proc/$pid/maps; } > \"$S/inspect.new\""
                + " && mv \"$S/inspect.new\" \"$S/inspect.out\"\n"
                + "    fi\n"
                // stat answers on a frozen filesystem; the size proves whether the agent wrote
                + "    echo \"$(stat -c %s " + LOG + " 2>/dev/null || echo -1) $i\" > \"$S/logsize.new\""
                + " && mv \"$S/logsize.new\" \"$S/logsize\"\n"
                + "    sleep 0.3\n"
                + "  done\n"
                + ") &\n"
                + "run=0\n"
                + "while [ ! -e \"$S/stop\" ]; do\n"
                + "  run=$((run+1))\n"
                + "  opts=\n"
                + "  [ -e \"$S/autothaw\" ] && opts=\"-Dorg.jqga.fsfreeze.autoThawSeconds=$(cat \"$S/autothaw\")\"\n"
                + "  echo \"jqga run $run starting ($opts)\"\n"
                + "  JQGA_EXTRA_JAVA_OPTS=\"$opts\" " + agent + " &\n"
                + "  echo $! > \"$S/agent.pid\"\n"
                + "  wait $!\n"
                + "  status=$?\n"
                + "  echo \"jqga run $run exited with status $status\"\n"
                + "  echo \"$run $status\" >> \"$S/exits\"\n"
                + "  cp " + LOG + " \"$S/jqga.log.run$run\" 2>/dev/null\n"
                + "done\n"
                + "echo 'supervisor done'\n";
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @AfterAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void thawAndStopGuest() throws Exception {
        try {
            if (vm != null && vm.isRunning()) {
                // whatever happened: never leave the guest frozen behind
                try {
                    if (client == null) {
                        client = DelimitedSyncHandshake.connect(vm.agentSocket(), Duration.ofMinutes(1), vm::checkRunning);
                    }
                    System.out.println("FsfreezeVmIT: final thaw -> " + client.request("{\"execute\":\"guest-fsfreeze-thaw\"}"));
                } catch (IOException | RuntimeException e) {
                    outcome.markFailed();
                    System.out.println("FsfreezeVmIT: final thaw failed: " + e);
                }
            }
        } finally {
            try {
                if (client != null) {
                    client.close();
                }
            } finally {
                if (vm != null) {
                    if (outcome.failed()) {
                        System.out.println("FsfreezeVmIT failed; console.log tail of " + vm.runDir() + ":\n"
                                + vm.consoleTail(120) + "\n--- shared files in " + share + " ---\n" + describeShare());
                    }
                    vm.close();
                    if (!outcome.failed()) {
                        vm.deleteRunDir();
                        TestVm.deleteTree(work);
                    }
                }
            }
        }
    }

    @Test
    @Order(1)
    void freezeWithoutAListFreezesTheDataDiskAndTheAgentStaysUsableButWritesNothing() throws Exception {
        Map<String, Boolean> before = enabledCommands();
        for (String name : List.of("guest-exec", "guest-file-open", "guest-fsfreeze-freeze")) {
            assertEquals(Boolean.TRUE, before.get(name), name + " should be installed and enabled: " + before);
        }

        assertEquals(1, request("{\"execute\":\"guest-fsfreeze-freeze\"}").path("return").asInt(),
                "guest-fsfreeze-freeze should freeze exactly the data disk");
        try {
            assertEquals("frozen", status());
            for (String name : List.of("guest-exec", "guest-file-open", "guest-fsfreeze-freeze")) {
                String arguments = switch (name) {
                    case "guest-exec" -> "{\"path\":\"/bin/true\"}";
                    case "guest-file-open" -> "{\"path\":\"/etc/hostname\"}";
                    default -> "{}";
                };
                JsonNode refused = request("{\"execute\":\"" + name + "\",\"arguments\":" + arguments + "}");
                assertEquals("CommandNotFound", refused.path("error").path("class").asText(), refused.toString());
                assertEquals("Command " + name + " " + DISABLED, refused.path("error").path("desc").asText());
            }
            Map<String, Boolean> frozen = enabledCommands();
            assertEquals(Boolean.FALSE, frozen.get("guest-exec"), frozen.toString());
            assertEquals(Boolean.FALSE, frozen.get("guest-file-open"), frozen.toString());
            for (String name : List.of("guest-ping", "guest-sync", "guest-info", "guest-fsfreeze-status",
                    "guest-fsfreeze-thaw")) {
                assertEquals(Boolean.TRUE, frozen.get(name), name + " must stay enabled: " + frozen);
            }
            JsonNode report = request("{\"execute\":\"__org.jqga_fsfreeze-report\"}").path("return");
            assertTrue(mountFrozen(report, "/mnt/data"), "the report does not show /mnt/data frozen: " + report);

            assertNothingOnTheDataDiskThatWritesOrBlocksAnExit(inspectAgent());

            long[] sizeAtFreeze = awaitFreshLogSize();
            int exitsBefore = exits().size();
            requestSignal("TERM");
            long frozenUntil = System.nanoTime() + FROZEN_PERIOD.toNanos();
            int answered = 0;
            while (System.nanoTime() < frozenUntil) {
                long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
                assertEquals(id, request("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":" + id + "}}").path("return").asLong());
                assertEquals(json.readTree("{\"return\":{}}"), request("{\"execute\":\"guest-ping\"}"));
                assertTrue(request("{\"execute\":\"guest-info\"}").path("return").has("version"));
                assertEquals("frozen", status());
                assertTrue(request("{\"execute\":\"__org.jqga_fsfreeze-report\"}").path("return").has("mounts"));
                answered += 5;
                Thread.sleep(250);
            }
            assertEquals(exitsBefore, exits().size(), "SIGTERM while frozen ended the agent: " + exits());
            assertTrue(read("signals").contains("SIGTERM"), "the guest did not send SIGTERM: " + read("signals"));
            long[] sizeAtEnd = awaitFreshLogSize();
            assertTrue(sizeAtEnd[1] > sizeAtFreeze[1], "the guest's log-size reporter stopped");
            assertEquals(sizeAtFreeze[0], sizeAtEnd[0], "the agent's log file on the frozen disk changed size");
            System.out.printf("FsfreezeVmIT: %d requests answered in %d s frozen, log file size unchanged at %d bytes%n",
                    answered, FROZEN_PERIOD.toSeconds(), sizeAtEnd[0]);
        } finally {
            JsonNode thawed = request("{\"execute\":\"guest-fsfreeze-thaw\"}");
            assertEquals(1, thawed.path("return").asInt(), "thaw: " + thawed);
        }
        assertEquals("thawed", status());
        assertEquals(Boolean.TRUE, enabledCommands().get("guest-exec"), "guest-exec is still disabled after thaw");

        String log = readGuestFile(LOG);
        int ignored = log.indexOf("SIGTERM received while filesystems are frozen: ignored");
        assertTrue(ignored >= 0, "the held SIGTERM line is missing from the log after thaw:\n" + log);
        assertTrue(ignored < log.lastIndexOf("filesystems thawed"), "held lines must precede the thaw's own line");
        assertTrue(log.contains("held while filesystems were frozen written after thaw"), log);
        assertEquals(List.of("freeze", "thaw"), hookCalls());
    }

    @Test
    @Order(2)
    void killedWhileFrozenTheAgentComesBackFrozenAndThawsTheDisk() throws Exception {
        assertEquals(1, request("{\"execute\":\"guest-fsfreeze-freeze\"}").path("return").asInt());
        int exitsBefore = exits().size();
        long[] sizeAtFreeze = awaitFreshLogSize();
        try {
            client.close();
            client = null;
            requestSignal("KILL");
            awaitShare("the agent's exit after SIGKILL", () -> exits().size() > exitsBefore);
            assertEquals(String.valueOf(128 + 9), exits().get(exitsBefore).split(" ")[1], "exit after SIGKILL");

            long restarted = System.nanoTime();
            client = DelimitedSyncHandshake.connect(vm.agentSocket(), RESTART_ANSWER_WITHIN, vm::checkRunning);
            System.out.printf("FsfreezeVmIT: restart while frozen -> answering in %.1f s%n",
                    seconds(System.nanoTime() - restarted));
            assertEquals("frozen", status(), "the restarted agent must come back frozen (marker)");
            JsonNode refused = request("{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/true\"}}");
            assertEquals("Command guest-exec " + DISABLED, refused.path("error").path("desc").asText(), refused.toString());
            JsonNode report = request("{\"execute\":\"__org.jqga_fsfreeze-report\"}").path("return");
            assertTrue(report.path("restored-from-marker").asBoolean(), report.toString());
            long[] sizeNow = awaitFreshLogSize();
            assertEquals(sizeAtFreeze[0], sizeNow[0],
                    "the restarted agent wrote to its log file (or bundle cache start-up) on the frozen disk");
        } finally {
            if (client == null) {
                client = DelimitedSyncHandshake.connect(vm.agentSocket(), RESTART_ANSWER_WITHIN, vm::checkRunning);
            }
            JsonNode thawed = request("{\"execute\":\"guest-fsfreeze-thaw\"}");
            assertEquals(1, thawed.path("return").asInt(), "the data disk was still frozen by the killed agent: " + thawed);
        }
        assertEquals("thawed", status());
        String log = readGuestFile(LOG);
        assertTrue(log.contains("qga.state.isfrozen exists: starting frozen"), log);
        assertEquals(List.of("freeze", "thaw", "freeze", "thaw"), hookCalls());
    }

    @Test
    @Order(3)
    void theWatchdogThawsWhenTheHostDoesNot() throws Exception {
        Files.writeString(share.resolve("autothaw"), Integer.toString(AUTO_THAW_SECONDS));
        int exitsBefore = exits().size();
        client.close();
        client = null;
        requestSignal("TERM");
        awaitShare("the agent's exit after SIGTERM (thawed)", () -> exits().size() > exitsBefore);
        assertEquals("0", exits().get(exitsBefore).split(" ")[1], "SIGTERM while thawed ends the agent with 0");
        client = DelimitedSyncHandshake.connect(vm.agentSocket(), RESTART_ANSWER_WITHIN, vm::checkRunning);

        assertEquals(1, request("{\"execute\":\"guest-fsfreeze-freeze\"}").path("return").asInt());
        long frozenAt = System.nanoTime();
        try {
            assertEquals("frozen", status());
            String now = status();
            while ("frozen".equals(now) && System.nanoTime() - frozenAt < Duration.ofSeconds(AUTO_THAW_SECONDS * 4L).toNanos()) {
                Thread.sleep(500);
                now = status();
            }
            double after = seconds(System.nanoTime() - frozenAt);
            assertEquals("thawed", now, "the watchdog did not thaw within " + after + " s");
            assertTrue(after >= AUTO_THAW_SECONDS - 1, "thawed too early: " + after + " s");
            System.out.printf("FsfreezeVmIT: the watchdog (%d s) thawed after %.1f s%n", AUTO_THAW_SECONDS, after);
        } finally {
            request("{\"execute\":\"guest-fsfreeze-thaw\"}");
        }
        String log = readGuestFile(LOG);
        assertTrue(log.contains("the host did not thaw within " + AUTO_THAW_SECONDS + " s"), log);
        List<String> hook = hookCalls();
        // the host's own thaw in finally runs the hook once more
        assertEquals(List.of("freeze", "thaw", "freeze", "thaw", "freeze", "thaw"), hook.subList(0, 6), hook.toString());
    }

    private JsonNode request(String request) throws Exception {
        return json.readTree(client.request(request));
    }

    private String status() throws Exception {
        return request("{\"execute\":\"guest-fsfreeze-status\"}").path("return").asText();
    }

    private Map<String, Boolean> enabledCommands() throws Exception {
        Map<String, Boolean> commands = new HashMap<>();
        request("{\"execute\":\"guest-info\"}").path("return").path("supported_commands")
                .forEach(c -> commands.put(c.path("name").asText(), c.path("enabled").asBoolean()));
        return commands;
    }

    private static boolean mountFrozen(JsonNode report, String mountPoint) {
        for (JsonNode mount : report.path("mounts")) {
            if (mountPoint.equals(mount.path("mount-point").asText())) {
                return mount.path("frozen").asBoolean(false);
            }
        }
        return false;
    }

    /** Reads a guest file through the agent itself (after thaw, so guest-file-* are enabled again). */
    private String readGuestFile(String path) throws Exception {
        JsonNode opened = request("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + path + "\",\"mode\":\"r\"}}");
        assertTrue(opened.has("return"), opened.toString());
        long handle = opened.path("return").asLong();
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                JsonNode chunk = request("{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle
                        + ",\"count\":1048576}}").path("return");
                text.append(new String(Base64.getDecoder().decode(chunk.path("buf-b64").asText()), StandardCharsets.UTF_8));
                if (chunk.path("eof").asBoolean() || chunk.path("count").asInt() == 0) {
                    return text.toString();
                }
            }
        } finally {
            request("{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
        }
    }

    /** The agent's open files and memory map, as the guest's supervisor lists them from /proc. */
    private String inspectAgent() throws Exception {
        Files.deleteIfExists(share.resolve("inspect.out"));
        Files.writeString(share.resolve("inspect"), "");
        awaitShare("the agent's /proc listing", () -> Files.exists(share.resolve("inspect.out")));
        return read("inspect.out");
    }

    /**
     * No shared writable mapping of a data-disk file (the kernel writes those back by itself, like hsperfdata), no
     * unlinked data-disk file held open (its last close sleeps until thaw on Linux 6.1, so even SIGKILL could not
     * end the agent), and jffi's native library loaded from the tmpfs runtime directory that bin/jqga chose.
     */
    private static void assertNothingOnTheDataDiskThatWritesOrBlocksAnExit(String listing) {
        String fds = listing.substring(0, listing.indexOf("--- maps"));
        String maps = listing.substring(listing.indexOf("--- maps"));
        List<String> onDisk = fds.lines().filter(l -> l.contains("-> /mnt/data/")).map(l -> l.substring(l.indexOf("-> ") + 3)).toList();
        System.out.println("FsfreezeVmIT: files the frozen agent holds open on the data disk: " + onDisk);
        assertEquals(List.of(), onDisk.stream().filter(f -> f.endsWith("(deleted)")).toList(), listing);
        for (String line : maps.lines().toList()) {
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length == 6 && fields[5].startsWith("/mnt/data/")) {
                assertFalse(fields[1].charAt(1) == 'w' && fields[1].charAt(3) == 's', "shared writable mapping: " + line);
            }
            assertFalse(line.contains("hsperfdata"), "perf data is mapped: " + line);
        }
        List<String> jffi = maps.lines().filter(l -> l.contains("/jffi")).toList();
        assertFalse(jffi.isEmpty(), "jffi's library is not mapped (not loaded yet?):\n" + maps);
        assertTrue(jffi.stream().allMatch(l -> l.contains(" /run/jqga/jffi")),
                "jffi's library was not extracted to /run/jqga: " + jffi);
    }

    /** Drops the request file the guest's supervisor turns into a signal for the agent. */
    private void requestSignal(String signal) throws Exception {
        String before = read("signals");
        Files.writeString(share.resolve("send-" + signal), "");
        awaitShare("the guest to send SIG" + signal, () -> read("signals").length() > before.length());
    }

    /** The log file size and the reporter's counter, from a report written after this call. */
    private long[] awaitFreshLogSize() throws Exception {
        long[] first = logSize();
        long[][] fresh = new long[1][];
        awaitShare("a fresh log size report", () -> {
            long[] now = logSize();
            fresh[0] = now;
            return now[1] > first[1] + 1;
        });
        return fresh[0];
    }

    private long[] logSize() {
        String[] fields = read("logsize").trim().split(" ");
        if (fields.length != 2) {
            return new long[] {-1, -1};
        }
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }

    private List<String> exits() {
        return read("exits").lines().toList();
    }

    private List<String> hookCalls() {
        return read("hook.log").lines().toList();
    }

    private String read(String name) {
        try {
            return Files.readString(share.resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitShare(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + GUEST_REPORT_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            vm.checkRunning();
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; shared files:\n" + describeShare());
            }
            Thread.sleep(200);
        }
    }

    private String describeShare() {
        if (share == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(share)) {
            for (Path file : files.sorted().toList()) {
                String content = read(file.getFileName().toString());
                text.append("== ").append(file.getFileName()).append(" ==\n")
                        .append(content.length() > 4000 ? content.substring(content.length() - 4000) : content)
                        .append('\n');
            }
        } catch (IOException e) {
            text.append(e);
        }
        return text.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
