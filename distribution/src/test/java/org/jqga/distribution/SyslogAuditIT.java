package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jqga.posix.UnixDatagramSocket;
import org.junit.jupiter.api.Test;

/**
 * bin/jqga --audit-log=syslog:daemon with the syslog socket pointed (org.jqga.auditSyslogSocket) at a datagram socket
 * this test binds in place of /dev/log: every request arrives as one syslog message carrying its JSON record.
 */
class SyslogAuditIT {

    private static final Pattern MESSAGE = Pattern.compile("<30>[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d jqga\\[(\\d+)]: (\\{.*})");

    @Test
    void everyRequestIsOneSyslogDatagram() throws Exception {
        Path dir = Files.createTempDirectory("jqga-syslog-e2e");
        Path log = dir.resolve("log");
        try (UnixDatagramSocket syslog = UnixDatagramSocket.bind(log.toString(), Duration.ofSeconds(60));
             AgentProcess agent = AgentProcess.jqgaWithJavaOptions("-Dorg.jqga.auditSyslogSocket=" + log,
                     "--audit-log=syslog:daemon", "--policy-file=", "-b", "guest-get-load");
             QgaClient host = agent.connect()) {
            assertEquals("{\"return\": {}}", host.request("{\"execute\":\"guest-ping\"}"));
            host.request("{\"execute\":\"guest-get-load\"}");
            JsonNode refused = null;
            while (refused == null) {
                ByteBuffer datagram = ByteBuffer.allocate(8192);
                int n = syslog.receive(datagram);
                String message = new String(datagram.array(), 0, n, StandardCharsets.UTF_8);
                Matcher matcher = MESSAGE.matcher(message);
                assertTrue(matcher.matches(), message);
                assertEquals(agent.pid(), Long.parseLong(matcher.group(1)), "the tag carries the agent's pid");
                JsonNode record = new ObjectMapper().readTree(matcher.group(2));
                assertEquals("host", record.get("origin").asText(), message);
                if (record.get("command").asText().equals("guest-get-load")) {
                    refused = record;
                }
            }
            assertEquals("refused", refused.get("decision").asText());
            assertEquals("block-rpcs (command line/config file)", refused.get("rule").asText());
            assertEquals("CommandNotFound", refused.get("result").asText());
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }
}
