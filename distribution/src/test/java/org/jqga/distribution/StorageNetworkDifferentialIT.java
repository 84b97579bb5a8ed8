package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The network and storage read-only commands, asked of Debian's qemu-ga 7.2 and of jqga on the same machine.
 * Facts that do not move between calls (names, order, addresses, disk addresses, device numbers) must be
 * equal member by member; counters (traffic, I/O, used bytes) must lie between two readings of the reference.
 * 7.2 lacks guest-network-get-route and total-bytes-privileged: there jqga's shape is checked against /proc.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageNetworkDifferentialIT {

    private AgentPair agents;

    @BeforeAll
    void start() throws Exception {
        agents = AgentPair.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    void interfacesSameOrderAddressesAndMacsStatisticsBetweenReadings() throws Exception {
        JsonNode before = agents.reference.returned("guest-network-get-interfaces");
        JsonNode ours = agents.jqga.returned("guest-network-get-interfaces");
        JsonNode after = agents.reference.returned("guest-network-get-interfaces");
        assertEquals(before.size(), ours.size(), ours.toString());
        assertFalse(ours.isEmpty());
        for (int i = 0; i < ours.size(); i++) {
            JsonNode low = before.get(i);
            JsonNode mine = ours.get(i);
            JsonNode high = after.get(i);
            String name = low.get("name").asText();
            assertEquals(names(low), names(mine), "members of " + name);
            assertEquals(low.get("name"), mine.get("name"));
            assertEquals(low.get("hardware-address"), mine.get("hardware-address"), name);
            assertEquals(low.get("ip-addresses"), mine.get("ip-addresses"), name);
            if (low.has("statistics")) {
                assertEquals(names(low.get("statistics")), names(mine.get("statistics")));
                for (String counter : names(mine.get("statistics"))) {
                    long value = mine.get("statistics").get(counter).asLong();
                    assertTrue(value >= low.get("statistics").get(counter).asLong()
                                    && value <= high.get("statistics").get(counter).asLong(),
                            name + " " + counter + ": " + low.get("statistics").get(counter) + " <= " + value + " <= "
                                    + high.get("statistics").get(counter));
                }
            }
        }
    }

    @Test
    void fsinfoSameFilesystemsAndDisksSizesBetweenReadings() throws Exception {
        JsonNode before = agents.reference.returned("guest-get-fsinfo");
        JsonNode ours = agents.jqga.returned("guest-get-fsinfo");
        JsonNode after = agents.reference.returned("guest-get-fsinfo");
        assertEquals(before.size(), ours.size(), ours.toString());
        assertFalse(ours.isEmpty());
        for (int i = 0; i < ours.size(); i++) {
            JsonNode low = before.get(i);
            JsonNode mine = ours.get(i);
            Set<String> expectedMembers = names(low);
            if (low.has("total-bytes")) {
                expectedMembers.add("total-bytes-privileged");
            }
            assertEquals(expectedMembers, names(mine), "7.2's members plus the 9.1 total-bytes-privileged");
            for (String member : List.of("name", "mountpoint", "type", "disk", "total-bytes")) {
                assertEquals(low.get(member), mine.get(member), mine.get("mountpoint") + " " + member);
            }
            if (mine.has("used-bytes")) {
                long used = mine.get("used-bytes").asLong();
                long a = low.get("used-bytes").asLong();
                long b = after.get(i).get("used-bytes").asLong();
                // other processes write to the disk meanwhile: some slack either way
                long slack = 256L << 20;
                assertTrue(used >= Math.min(a, b) - slack && used <= Math.max(a, b) + slack,
                        a + " ~ " + used + " ~ " + b);
                long privileged = mine.get("total-bytes-privileged").asLong();
                assertTrue(privileged >= mine.get("total-bytes").asLong(), "privileged total includes the reserve");
                assertEquals(0, privileged % 512);
            }
        }
    }

    @Test
    void disksSameReply() throws Exception {
        assertEquals(agents.reference.execute("guest-get-disks"), agents.jqga.execute("guest-get-disks"));
    }

    @Test
    void diskstatsSameDevicesCountersBetweenReadings() throws Exception {
        JsonNode before = agents.reference.returned("guest-get-diskstats");
        JsonNode ours = agents.jqga.returned("guest-get-diskstats");
        JsonNode after = agents.reference.returned("guest-get-diskstats");
        assertEquals(before.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            JsonNode low = before.get(i);
            JsonNode mine = ours.get(i);
            JsonNode high = after.get(i);
            for (String member : List.of("name", "major", "minor")) {
                assertEquals(low.get(member), mine.get(member));
            }
            assertEquals(names(low.get("stats")), names(mine.get("stats")), low.get("name").asText());
            for (String stat : names(mine.get("stats"))) {
                long value = mine.get("stats").get(stat).asLong();
                long a = low.get("stats").get(stat).asLong();
                long b = high.get("stats").get(stat).asLong();
                // ios-pgr (in flight) goes up and down
                boolean between = stat.equals("ios-pgr") || value >= a && value <= b;
                assertTrue(between, low.get("name").asText() + " " + stat + ": " + a + " <= " + value + " <= " + b);
            }
        }
    }

    /** qemu-ga 7.2 has no guest-network-get-route (9.1): jqga's routes against the kernel's tables. */
    @Test
    void routesShapeAgainstProc() throws Exception {
        JsonNode referenceReply = agents.reference.execute("guest-network-get-route");
        assertEquals("CommandNotFound", referenceReply.path("error").path("class").asText(), referenceReply.toString());

        JsonNode routes = agents.jqga.returned("guest-network-get-route");
        List<String> ipv4 = Files.readAllLines(Path.of("/proc/net/route"));
        List<String> ipv6 = Files.exists(Path.of("/proc/net/ipv6_route"))
                ? Files.readAllLines(Path.of("/proc/net/ipv6_route")) : List.of();
        assertEquals(ipv4.size() - 1 + ipv6.size(), routes.size(), routes.toString());
        for (int i = 0; i < routes.size(); i++) {
            JsonNode route = routes.get(i);
            boolean v4 = i < ipv4.size() - 1;
            String[] fields = (v4 ? ipv4.get(i + 1) : ipv6.get(i - ipv4.size() + 1)).trim().split("\\s+");
            assertEquals(v4 ? 4 : 6, route.get("version").asInt());
            assertEquals(v4 ? fields[0] : fields[9], route.get("iface").asText());
            Set<String> members = names(route);
            if (v4) {
                assertEquals(new TreeSet<>(List.of("iface", "destination", "gateway", "mask", "metric", "flags", "refcnt",
                        "use", "mtu", "window", "irtt", "version")), members);
                assertEquals(Long.parseLong(fields[3], 16), route.get("flags").asLong());
                assertEquals(Long.parseLong(fields[6]), route.get("metric").asLong());
                assertTrue(route.get("destination").asText().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
            } else {
                assertEquals(new TreeSet<>(List.of("iface", "destination", "source", "nexthop", "desprefixlen",
                        "srcprefixlen", "metric", "flags", "refcnt", "use", "version")), members);
                assertEquals(Long.toString(Long.parseLong(fields[1], 16)), route.get("desprefixlen").asText());
                assertEquals(Long.parseLong(fields[5], 16), route.get("metric").asLong());
                assertEquals(Long.parseLong(fields[8], 16), route.get("flags").asLong());
                assertTrue(route.get("destination").asText().contains(":"));
            }
        }
    }

    @Test
    void everyCommandIsListedAndEnabled() throws Exception {
        Set<String> referenceEnabled = enabledCommands(agents.reference.returned("guest-info"));
        Set<String> ourEnabled = enabledCommands(agents.jqga.returned("guest-info"));
        for (String command : List.of("guest-network-get-interfaces", "guest-get-fsinfo", "guest-get-disks",
                "guest-get-diskstats")) {
            assertTrue(referenceEnabled.contains(command), "qemu-ga 7.2 has " + command);
            assertTrue(ourEnabled.contains(command), "jqga has " + command);
        }
        assertTrue(ourEnabled.contains("guest-network-get-route"), "jqga has the 9.1 command");
    }

    private static Set<String> enabledCommands(JsonNode info) {
        Set<String> enabled = new TreeSet<>();
        for (JsonNode command : info.get("supported_commands")) {
            if (command.get("enabled").asBoolean()) {
                enabled.add(command.get("name").asText());
            }
        }
        return enabled;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
