package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What bin/jqga hands the JVM, seen from a program guest-exec starts: signals ignored by whoever started the agent
 * (a background job ignores SIGINT, nohup SIGHUP) are at their default again, as they are under qemu-ga. The script
 * finds them in /proc rather than by running a program, so both ways are covered: ignored, and not.
 */
class StartScriptIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SigIgn of the program itself, HUP (1), INT (2) and TERM (15) masked out: "0" if none of them is ignored. */
    private static final String IGNORED_OF_THREE = "m=$(awk '/SigIgn/ {print $2}' /proc/$$/status); echo $(( 0x$m & 0x4003 ))";

    @Test
    void signalsTheStarterIgnoredAreDefaultInTheAgentsChildren() throws Exception {
        try (AgentProcess agent = AgentProcess.jqgaFromShell("trap '' INT HUP TERM"); QgaClient client = agent.connect()) {
            assertEquals("0", run(client, IGNORED_OF_THREE));
        }
    }

    @Test
    void signalsNobodyIgnoredStayDefault() throws Exception {
        try (AgentProcess agent = AgentProcess.jqgaFromShell("true"); QgaClient client = agent.connect()) {
            assertEquals("0", run(client, IGNORED_OF_THREE));
            // the check itself: a shell that ignores them shows it
            assertEquals(String.valueOf(0x4003), run(client, "trap '' INT HUP TERM; sh -c \"" + IGNORED_OF_THREE.replace("$", "\\$") + "\""));
        }
    }

    private static String run(QgaClient client, String script) throws Exception {
        String request = JSON.writeValueAsString(JSON.createObjectNode().put("execute", "guest-exec").set("arguments",
                JSON.createObjectNode().put("path", "/bin/sh").put("capture-output", true)
                        .set("arg", JSON.createArrayNode().add("-c").add(script))));
        JsonNode started = JSON.readTree(client.request(request));
        long pid = started.path("return").path("pid").asLong(-1);
        assertTrue(pid > 0, started.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode status = JSON.readTree(client.request("{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}"))
                    .path("return");
            if (status.path("exited").asBoolean()) {
                assertEquals(0, status.path("exitcode").asInt(-1), status.toString());
                return new String(Base64.getDecoder().decode(status.path("out-data").asText()), StandardCharsets.UTF_8).trim();
            }
            assertTrue(System.nanoTime() < deadline, "the program did not end: " + status);
            Thread.sleep(20);
        }
    }
}
