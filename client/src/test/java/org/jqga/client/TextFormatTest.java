package org.jqga.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsEnabledCommandsThenDisabledOnes() throws Exception {
        JsonNode info = JSON.readTree("""
                {"version":"0.1.0","supported_commands":[
                  {"name":"guest-exec","enabled":false,"success-response":true},
                  {"name":"guest-ping","enabled":true,"success-response":true},
                  {"name":"guest-info","enabled":true,"success-response":true}]}""");
        assertEquals("""
                agent version 0.1.0
                2 commands enabled, 1 disabled:
                  guest-ping
                  guest-info
                  guest-exec (disabled)
                """, TextFormat.info(info));
    }

    @Test
    void tabulatesThePolicy() throws Exception {
        JsonNode explanations = JSON.readTree("""
                [{"name":"guest-exec","allowed":false,"rule":"risk group exec is blocked"},
                 {"name":"guest-ping","allowed":true,"rule":"default"}]""");
        assertEquals("""
                COMMAND     ALLOWED  WHY
                guest-exec  no       risk group exec is blocked
                guest-ping  yes      default
                """, TextFormat.policy(explanations));
    }

    @Test
    void tabulatesBundlesWhicheverWayTheFieldsAreSpelled() throws Exception {
        JsonNode bundles = JSON.readTree("""
                [{"id":0,"symbolicName":"org.apache.felix.framework","version":"7.0.5","state":"ACTIVE",
                  "deployed":false,"commands":[]},
                 {"id":12,"symbolic-name":"org.example.hello","version":"1.1.0","state":"ACTIVE",
                  "deployed":true,"previous-version":"1.0.0","commands":["hello-a","hello-b"]}]""");
        assertEquals("""
                ID  STATE   BUNDLE                      VERSION  DEPLOYED                 COMMANDS
                0   ACTIVE  org.apache.felix.framework  7.0.5
                12  ACTIVE  org.example.hello           1.1.0    yes (rollback to 1.0.0)  hello-a,hello-b
                """, TextFormat.bundles(bundles));
    }

    @Test
    void saysWhatADeployCommandLeftBehind() throws Exception {
        JsonNode result = JSON.readTree("""
                {"file":"com.example.diskusage.jar","id":31,"symbolic-name":"com.example.diskusage",
                 "version":"1.0.1","state":"ACTIVE"}""");
        assertEquals("com.example.diskusage 1.0.1: ACTIVE (bundle 31, com.example.diskusage.jar)\n",
                TextFormat.deployed(result));
    }

    @Test
    void turnsAnExitedProgramIntoAnExitStatus() throws Exception {
        assertEquals(3, ClientCommands.exitStatusOf(JSON.readTree("{\"exited\":true,\"exitcode\":3}")));
        assertEquals(137, ClientCommands.exitStatusOf(JSON.readTree("{\"exited\":true,\"signal\":9}")));
        assertEquals(0, ClientCommands.exitStatusOf(JSON.readTree("{\"exited\":true,\"exitcode\":0}")));
    }

    @Test
    void namesTheErrorClass() {
        assertEquals("GenericError: No such file", TextFormat.agentError(new AgentError("GenericError", "No such file")));
    }
}
