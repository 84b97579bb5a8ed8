package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A new state directory starts from the bundle cache the build's training run left; a second start on the kept state
 * directory reuses the bundle cache and the component descriptions SCR parsed and stored at the first stop; both
 * serve exactly the same commands.
 */
class WarmStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStartFromTheStoredComponentDescriptionsServesTheSameCommands() throws Exception {
        // the build's training run left its bundle cache as the seed of new state directories
        assertTrue(Files.isRegularFile(AgentProcess.DISTRIBUTION.resolve("lib/cds/bundle-cache/cache.jars")));
        AgentProcess first = AgentProcess.jqga("-v");
        TreeMap<String, Boolean> commands;
        try (QgaClient client = first.connect()) {
            commands = commands(client);
        }
        assertTrue(first.output().contains("planted from " + AgentProcess.DISTRIBUTION.toRealPath().resolve("lib/cds/bundle-cache")),
                first.output());
        assertEquals(0, first.terminate());
        List<Path> stores;
        try (Stream<Path> files = Files.walk(first.directory().resolve("state"))) {
            stores = files.filter(p -> p.getFileName().toString().equals("componentMetadataStore")).toList();
        }
        assertEquals(1, stores.size(), "SCR stored what it parsed when it stopped: " + stores);
        assertTrue(Files.size(stores.get(0)) > 1024, stores.get(0) + " holds the descriptions");

        try (AgentProcess second = first.restart(); QgaClient client = second.connect()) {
            assertEquals(commands, commands(client));
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
            assertTrue(client.request("{\"execute\":\"guest-get-osinfo\"}").startsWith("{\"return\": {"));
        }
    }

    /** Every command guest-info lists, with whether it is enabled, once all of them are there. */
    private static TreeMap<String, Boolean> commands(QgaClient client) throws Exception {
        TreeMap<String, Boolean> commands = new TreeMap<>();
        for (JsonNode command : JSON.readTree(client.request("{\"execute\":\"guest-info\"}")).path("return")
                .path("supported_commands")) {
            commands.put(command.path("name").asText(), command.path("enabled").asBoolean());
        }
        assertTrue(commands.containsKey("guest-file-read") && commands.containsKey("guest-exec")
                && commands.containsKey("guest-fsfreeze-freeze"), commands.toString());
        return commands;
    }
}
