package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The distribution started as a process on a unix socket, spoken to as a host would: framing,
 * pipelining, the 0xFF delimiter, and the places where jqga deliberately does better than qemu-ga
 * (a reconnecting client starts with a clean parser; a client that resets the connection costs
 * nothing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolIT {

    private final ObjectMapper json = new ObjectMapper();
    private AgentProcess agent;

    @BeforeAll
    void start() throws Exception {
        agent = AgentProcess.jqga("-b", "guest-sync");
    }

    @AfterAll
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void answersPingAsTheReadmePromises() throws Exception {
        try (QgaClient client = agent.connect()) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
        }
    }

    @Test
    void requestsSplitAtEveryByteAreAnsweredOnce() throws Exception {
        byte[] request = "{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":77},\"id\":\"r\"}".getBytes(StandardCharsets.US_ASCII);
        try (QgaClient client = agent.connect()) {
            for (byte b : request) {
                client.send(new byte[] {b});
                Thread.sleep(1);
            }
            assertEquals("\u00ff{\"return\": 77, \"id\": \"r\"}", client.readLine());
            assertTrue(client.silentFor(200), "exactly one reply");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            batch.append("{\"execute\":\"guest-ping\",\"id\":").append(i).append('}');
        }
        try (QgaClient client = agent.connect()) {
            client.send(batch.toString());
            for (int i = 0; i < 500; i++) {
                assertEquals("{\"return\": {}, \"id\": " + i + "}", client.readLine());
            }
        }
    }

    @Test
    void aNewClientStartsWithACleanParserUnlikeQemuGa() throws Exception {
        try (QgaClient first = agent.connect()) {
            first.send("{\"execute\":\"guest-ping\",\"id\":\"half");
        }
        try (QgaClient second = agent.connect()) {
            assertEquals("{\"return\": {}, \"id\": 2}", second.request("{\"execute\":\"guest-ping\",\"id\":2}"));
        }
    }

    @Test
    void aClientThatResetsTheConnectionDoesNotStopTheAgent() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (QgaClient rude = agent.connect()) {
                // replies stay unread in the socket when it closes: the kernel reports ECONNRESET to the agent
                rude.send("{\"execute\":\"guest-info\"}{\"execute\":\"guest-info\"}{\"execute\":\"guest-info\"}");
                Thread.sleep(300);
            }
        }
        assertTrue(agent.isAlive(), agent.output());
        try (QgaClient client = agent.connect()) {
            assertEquals("{\"return\": {}}", client.request("{\"execute\":\"guest-ping\"}"));
        }
    }

    @Test
    void halfClosedClientStillGetsItsReply() throws Exception {
        try (QgaClient client = agent.connect()) {
            client.send("{\"execute\":\"guest-ping\",\"id\":\"last\"}");
            client.shutdownOutput();
            assertEquals("{\"return\": {}, \"id\": \"last\"}", client.readLine());
        }
    }

    @Test
    void guestInfoListsEveryCommandWithItsLiveState() throws Exception {
        try (QgaClient client = agent.connect()) {
            JsonNode info = json.readTree(client.request("{\"execute\":\"guest-info\"}")).get("return");
            assertEquals(System.getProperty("jqga.version"), info.get("version").asText());
            Map<String, JsonNode> commands = new HashMap<>();
            info.get("supported_commands").forEach(c -> commands.put(c.get("name").asText(), c));
            for (String name : new String[] {"guest-ping", "guest-info", "guest-sync-delimited"}) {
                assertTrue(commands.get(name).get("enabled").asBoolean(), name);
                assertTrue(commands.get(name).get("success-response").asBoolean(), name);
            }
            assertFalse(commands.get("guest-sync").get("enabled").asBoolean(), "blocked with -b");
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-sync has been disabled\"}}",
                    client.request("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1}}"));
        }
    }

    @Test
    void outputIsAsciiWithQemuSeparators() throws Exception {
        try (QgaClient client = agent.connect()) {
            String reply = client.request("{\"execute\":\"guest-ping\",\"id\":{\"k\":[\"\u00e9\",1,true,null]}}");
            assertEquals("{\"return\": {}, \"id\": {\"k\": [\"\\u00E9\", 1, true, null]}}", reply);
        }
    }
}
