package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * guest-get-disks' {@code smart} member against Debian's qemu-ga 7.2 on a real (emulated) NVMe controller: one
 * QEMU guest with an NVMe drive runs both agents, qemu-ga on a second virtio-serial port and the distribution's
 * bin/jqga on the usual one, and the host asks both. The guest writes and reads the drive before the agents
 * start, so the write and read counters are not all zero.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class NvmeSmartVmIT {

    private static final Duration GUEST_READY_WITHIN = Duration.ofSeconds(300);
    private static final Duration FIRST_ANSWER_WITHIN = Duration.ofMinutes(4);
    /** guest-get-disks is jqga's first native call here: jnr's glue is generated on first use, 30-60 s under TCG. */
    private static final Duration FIRST_NATIVE_USE_WITHIN = Duration.ofMinutes(3);
    private static final String REFERENCE_PORT_NAME = "org.jqga.reference.0";
    private static final String NVME_DISK = "/dev/nvme0n1";
    /** The members that are no counters: the same in any two readings of an idle drive. */
    private static final Set<String> STATE_MEMBERS = Set.of("type", "critical-warning", "temperature",
            "available-spare", "available-spare-threshold", "percentage-used");

    private final ObjectMapper json = new ObjectMapper();
    private Path work;
    private TestVm vm;
    private QgaClient jqga;
    private QgaClient reference;

    @RegisterExtension
    final VmTestOutcome outcome = new VmTestOutcome();

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void bootGuestWithAnNvmeDriveAndBothAgents() throws Exception {
        try {
            Path agent = TestVm.builtJqga();
            Path script = TestVm.locateScript();
            work = Files.createTempDirectory("jqga-nvme");
            Path image = work.resolve("nvme.img");
            try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
                file.setLength(64L << 20);
            }
            Path referenceSocket = work.resolve("reference.sock");
            List<String> devices = List.of(
                    "-drive", "file=" + image + ",if=none,id=nv0,format=raw",
                    "-device", "nvme,serial=jqga-nvme,drive=nv0",
                    "-chardev", "socket,id=reference0,path=" + referenceSocket + ",server=on,wait=off",
                    "-device", "virtserialport,bus=" + TestVm.SERIAL_BUS + ",chardev=reference0,name=" + REFERENCE_PORT_NAME);
            vm = TestVm.boot(script, TestVm.jqgaGuestCommand(agent, guestSetup()),
                    Map.of("JAVA_HOME", System.getProperty("java.home")), devices, GUEST_READY_WITHIN);
            reference = DelimitedSyncHandshake.connect(referenceSocket, FIRST_ANSWER_WITHIN, vm::checkRunning);
            jqga = DelimitedSyncHandshake.connect(vm.agentSocket(), FIRST_ANSWER_WITHIN, vm::checkRunning);
        } catch (Throwable e) {
            outcome.markFailed();
            throw e;
        }
    }

    /** No udev in the guest: the driver is loaded by hand; then some I/O, then qemu-ga in the background. */
    private static String guestSetup() {
        return "modprobe nvme || echo 'modprobe nvme failed'\n"
                + "for i in $(seq 300); do [ -b " + NVME_DISK + " ] && break; sleep 0.1; done\n"
                + "ls -l /dev/nvme*\n"
                + "dd if=/dev/urandom of=" + NVME_DISK + " bs=64k count=16 oflag=direct status=none\n"
                + "dd if=" + NVME_DISK + " of=/dev/null bs=64k count=16 iflag=direct status=none\n"
                + "mkdir -p /tmp/qemu-ga-state\n"
                + "/usr/sbin/qemu-ga -m virtio-serial -p /dev/virtio-ports/" + REFERENCE_PORT_NAME
                + " -t /tmp/qemu-ga-state -l /tmp/qemu-ga.log &\n";
    }

    @AfterAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stopGuest() throws Exception {
        try {
            for (QgaClient client : new QgaClient[] {jqga, reference}) {
                if (client != null) {
                    client.close();
                }
            }
        } finally {
            outcome.stop(vm, "NvmeSmartVmIT");
            TestVm.deleteTree(work);
        }
    }

    @Test
    void theNvmeDiskCarriesTheSameSmartDataAsQemuGaReports() throws Exception {
        // qemu-ga before and after jqga: jqga's counters lie between the two readings
        JsonNode before = returned(reference.request("{\"execute\":\"guest-get-disks\"}"));
        jqga.send("{\"execute\":\"guest-get-disks\"}");
        JsonNode ours = returned(jqga.readLine(FIRST_NATIVE_USE_WITHIN.toMillis()));
        JsonNode after = returned(reference.request("{\"execute\":\"guest-get-disks\"}"));

        JsonNode referenceSmart = nvmeDisk(before).path("smart");
        JsonNode smart = nvmeDisk(ours).path("smart");
        System.out.println("NvmeSmartVmIT: qemu-ga " + referenceSmart + "\nNvmeSmartVmIT: jqga    " + smart);
        assertTrue(referenceSmart.isObject(), "the oracle reports no smart member: " + before);
        assertTrue(smart.isObject(), "jqga reports no smart member: " + ours);
        // as sets: qemu-ga writes members in its hash table's order, which carries no meaning
        assertEquals(Set.copyOf(fieldNames(referenceSmart)), Set.copyOf(fieldNames(smart)), "members");
        JsonNode afterSmart = nvmeDisk(after).path("smart");
        for (String member : fieldNames(referenceSmart)) {
            if (STATE_MEMBERS.contains(member)) {
                assertEquals(referenceSmart.get(member), smart.get(member), member);
            } else {
                BigInteger value = smart.get(member).bigIntegerValue();
                assertTrue(referenceSmart.get(member).bigIntegerValue().compareTo(value) <= 0
                        && value.compareTo(afterSmart.get(member).bigIntegerValue()) <= 0,
                        member + ": " + value + " is not between qemu-ga's " + referenceSmart.get(member) + " and "
                                + afterSmart.get(member));
            }
        }
        if (before.equals(after)) {
            assertEquals(before, ours, "nothing changed between qemu-ga's readings");
        }
        assertEquals(withoutSmart(before), withoutSmart(ours), "everything but smart, all disks");

        // plausible values for the drive the guest wrote 1 MiB to and read it back
        assertEquals("nvme", smart.path("type").asText());
        assertEquals("nvme", nvmeDisk(ours).path("address").path("bus-type").asText());
        assertTrue(smart.path("temperature").asInt() > 273, "Kelvin: " + smart);
        assertTrue(smart.path("host-write-commands-lo").asLong() > 0, smart.toString());
        assertTrue(smart.path("host-read-commands-lo").asLong() > 0, smart.toString());
        assertTrue(smart.path("data-units-written-lo").asLong() > 0, smart.toString());
        assertEquals(0, smart.path("host-write-commands-hi").asLong(), smart.toString());
    }

    @Test
    void onlyTheNvmeDiskHasSmartData() throws Exception {
        jqga.send("{\"execute\":\"guest-get-disks\"}");
        JsonNode disks = returned(jqga.readLine(FIRST_NATIVE_USE_WITHIN.toMillis()));
        List<String> withSmart = new ArrayList<>();
        disks.forEach(disk -> {
            if (disk.has("smart")) {
                withSmart.add(disk.path("name").asText());
            }
        });
        assertEquals(List.of(NVME_DISK), withSmart, disks.toString());
    }

    private JsonNode returned(String reply) throws IOException {
        JsonNode node = json.readTree(reply);
        assertTrue(node.path("return").isArray(), reply);
        return node.path("return");
    }

    private static JsonNode nvmeDisk(JsonNode disks) {
        for (JsonNode disk : disks) {
            if (disk.path("name").asText().equals(NVME_DISK)) {
                return disk;
            }
        }
        throw new AssertionError(NVME_DISK + " is not listed: " + disks);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode withoutSmart(JsonNode disks) {
        ArrayNode copy = disks.deepCopy();
        copy.forEach(disk -> ((ObjectNode) disk).remove("smart"));
        return copy;
    }
}
