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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-only system-information commands, asked of Debian's qemu-ga 7.2 and of jqga on the same machine
 * and compared member by member. Values that move between two calls (clock, CPU times) are checked to lie
 * between two readings of the reference; guest-get-load, which 7.2 lacks, is checked against /proc/loadavg.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemInfoDifferentialIT {

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

    /** Facts that do not change between two calls: the whole reply must be the same, order of lists included. */
    @ParameterizedTest
    @ValueSource(strings = {"guest-get-host-name", "guest-get-timezone", "guest-get-users", "guest-get-vcpus",
        "guest-get-memory-blocks", "guest-get-memory-block-info"})
    void sameReply(String command) throws Exception {
        assertEquals(agents.reference.execute(command), agents.jqga.execute(command), command);
    }

    /**
     * Same members and values, except where jqga deliberately keeps a whole unquoted os-release value that
     * qemu-ga cuts at its first space (spec §11.8) or unquotes a single-quoted one that qemu-ga leaves alone.
     */
    @Test
    void osinfo() throws Exception {
        JsonNode expected = agents.reference.returned("guest-get-osinfo");
        JsonNode actual = agents.jqga.returned("guest-get-osinfo");
        assertEquals(names(expected), names(actual));
        for (String name : names(expected)) {
            String qemu = expected.get(name).asText();
            String ours = actual.get(name).asText();
            if (!qemu.equals(ours)) {
                boolean cutAtSpace = ours.startsWith(qemu) && ours.length() > qemu.length() && ours.charAt(qemu.length()) == ' ';
                boolean singleQuoted = qemu.startsWith("'") && ours.startsWith(qemu.substring(1));
                assertTrue(cutAtSpace || singleQuoted, name + ": qemu-ga " + qemu + ", jqga " + ours);
            }
        }
    }

    @Test
    void timeLiesBetweenTwoReferenceReadings() throws Exception {
        long before = agents.reference.returned("guest-get-time").asLong();
        long ours = agents.jqga.returned("guest-get-time").asLong();
        long after = agents.reference.returned("guest-get-time").asLong();
        assertEquals(0, ours % 1000, "a microsecond clock times 1000");
        assertTrue(ours >= before && ours <= after, before + " <= " + ours + " <= " + after);
        assertTrue(after - before < 5_000_000_000L, "the readings were taken within seconds");
    }

    /**
     * The same CPUs in the same order with the same members; every counter between the two reference readings
     * (with a second of slack: the kernel's iowait and idle may step back a little under NO_HZ).
     */
    @Test
    void cpustatsLieBetweenTwoReferenceReadings() throws Exception {
        JsonNode before = agents.reference.returned("guest-get-cpustats");
        JsonNode ours = agents.jqga.returned("guest-get-cpustats");
        JsonNode after = agents.reference.returned("guest-get-cpustats");
        assertEquals(before.size(), ours.size());
        assertFalse(ours.isEmpty());
        for (int i = 0; i < ours.size(); i++) {
            JsonNode low = before.get(i);
            JsonNode cpu = ours.get(i);
            JsonNode high = after.get(i);
            assertEquals(names(low), names(cpu), "members of cpu entry " + i);
            assertEquals(low.get("type"), cpu.get("type"));
            assertEquals(low.get("cpu"), cpu.get("cpu"));
            for (String name : names(cpu)) {
                if (name.equals("type") || name.equals("cpu")) {
                    continue;
                }
                long value = cpu.get(name).asLong();
                assertTrue(value >= low.get(name).asLong() - 1000 && value <= high.get(name).asLong() + 1000,
                        "cpu " + cpu.get("cpu") + " " + name + ": " + low.get(name) + " <= " + value + " <= " + high.get(name));
            }
        }
    }

    @Test
    void everyCommandOf72IsListedAndEnabled() throws Exception {
        Set<String> mine = Set.of("guest-get-time", "guest-get-timezone", "guest-get-host-name", "guest-get-osinfo",
                "guest-get-users", "guest-get-cpustats", "guest-get-vcpus", "guest-get-memory-blocks",
                "guest-get-memory-block-info");
        Set<String> referenceEnabled = enabledCommands(agents.reference.returned("guest-info"));
        Set<String> ourEnabled = enabledCommands(agents.jqga.returned("guest-info"));
        for (String command : mine) {
            assertTrue(referenceEnabled.contains(command), "qemu-ga 7.2 has " + command);
            assertTrue(ourEnabled.contains(command), "jqga has " + command);
        }
        assertTrue(ourEnabled.contains("guest-get-load"), "jqga has the 10.0 command guest-get-load");
    }

    /** qemu-ga 7.2 does not know guest-get-load (10.0): only jqga's shape and values can be checked. */
    @Test
    void loadAverageShape() throws Exception {
        JsonNode referenceReply = agents.reference.execute("guest-get-load");
        assertEquals("CommandNotFound", referenceReply.path("error").path("class").asText(), referenceReply.toString());

        double[] before = loadavg();
        JsonNode load = agents.jqga.returned("guest-get-load");
        double[] after = loadavg();
        assertEquals(new TreeSet<>(List.of("load1m", "load5m", "load15m")), names(load));
        String[] members = {"load1m", "load5m", "load15m"};
        for (int i = 0; i < members.length; i++) {
            JsonNode value = load.get(members[i]);
            assertTrue(value.isNumber(), members[i] + " is a number: " + value);
            double low = Math.min(before[i], after[i]) - 0.5;
            double high = Math.max(before[i], after[i]) + 0.5;
            assertTrue(value.asDouble() >= low && value.asDouble() <= high, members[i] + " " + value + " near /proc/loadavg");
        }
    }

    private static double[] loadavg() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])};
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
