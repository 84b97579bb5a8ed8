package org.jqga.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.Decision;
import org.junit.jupiter.api.Test;

class PolicyModelTest {

    private static final Path FILE = Path.of("/etc/qemu/jqga-policy.json");

    private static PolicyModel model(String block, String allow, String json) throws Exception {
        PolicySource source = json == null ? new PolicySource.None(FILE)
                : new PolicySource.Loaded(FILE, PolicyFileParser.parse(json.getBytes(StandardCharsets.UTF_8)));
        return new PolicyModel(CommandLineLists.of(block, allow), source);
    }

    @Test
    void withoutFileEverythingButAdminRuns() throws Exception {
        PolicyModel model = model("", "", null);
        assertEquals(Decision.allowed("default: allowed"), model.decide("guest-exec", RiskGroup.EXEC));
        assertEquals(Decision.allowed("default: allowed"), model.decide("__x_thing", RiskGroup.UNCLASSIFIED));
        assertEquals(Decision.refused("default: admin commands need allow or allow-risk admin"),
                model.decide("__org.jqga_bundle-install", RiskGroup.ADMIN));
    }

    @Test
    void aDecisionKeptForANameIsMadeAgainForAnotherRisk() throws Exception {
        // two bundles may register one name in different groups (a replacement that reclassified the command)
        PolicyModel model = model("", "", "{\"deny-risk\": [\"exec\"]}");
        Decision info = model.decide("__com.example_run", RiskGroup.INFO);
        assertEquals(info, model.decide("__com.example_run", RiskGroup.INFO));
        assertEquals(Decision.refused("policy file " + FILE + ": deny-risk exec"),
                model.decide("__com.example_run", RiskGroup.EXEC));
        assertEquals(Decision.allowed("default: allowed"), model.decide("__com.example_run", RiskGroup.INFO));
    }

    @Test
    void commandLineIsTheOuterFence() throws Exception {
        PolicyModel model = model("guest-exec", "guest-exec,guest-ping,__org.jqga_bundle-list",
                "{\"allow\": [\"guest-get-load\"], \"allow-risk\": [\"exec\"]}");
        assertEquals(Decision.refused("block-rpcs (command line/config file)"), model.decide("guest-exec", RiskGroup.EXEC));
        assertEquals(Decision.refused("allow-rpcs (command line/config file): not listed"),
                model.decide("guest-get-load", RiskGroup.INFO), "the file's allow cannot widen -a");
        assertEquals(Decision.allowed("allow-rpcs (command line/config file)"), model.decide("guest-ping", RiskGroup.INFO));
        assertEquals(Decision.allowed("allow-rpcs (command line/config file)"),
                model.decide("__org.jqga_bundle-list", RiskGroup.ADMIN), "-a names an admin command");
    }

    @Test
    void riskGroupsAndNames() throws Exception {
        PolicyModel model = model("", "", """
                {"block": ["guest-get-users"], "allow": ["__x_unclassified_ok", "guest-exec-status"],
                 "deny-risk": ["exec", "account"], "allow-risk": ["admin"]}""");
        String file = "policy file " + FILE;
        assertEquals(Decision.refused(file + ": deny-risk exec"), model.decide("guest-exec", RiskGroup.EXEC));
        assertEquals(Decision.allowed(file + ": allow"), model.decide("guest-exec-status", RiskGroup.EXEC), "allow by name wins over deny-risk");
        assertEquals(Decision.refused(file + ": block"), model.decide("guest-get-users", RiskGroup.INFO));
        assertEquals(Decision.refused(file + ": deny-risk account"), model.decide("guest-set-user-password", RiskGroup.ACCOUNT));
        assertEquals(Decision.refused(file + ": deny-risk in force, unclassified commands refused"),
                model.decide("__x_new", RiskGroup.UNCLASSIFIED));
        assertEquals(Decision.allowed(file + ": allow"), model.decide("__x_unclassified_ok", RiskGroup.UNCLASSIFIED));
        assertEquals(Decision.allowed(file + ": allow-risk admin"), model.decide("__org.jqga_bundle-list", RiskGroup.ADMIN));
        assertEquals(Decision.allowed("default: allowed"), model.decide("guest-file-open", RiskGroup.FILE));
    }

    @Test
    void unclassifiedRunsWithoutDenyRiskAndCanBeAllowedAsAGroup() throws Exception {
        assertEquals(true, model("", "", "{\"block\": [\"x\"]}").decide("__x_new", RiskGroup.UNCLASSIFIED).allowed());
        assertEquals(Decision.allowed("policy file " + FILE + ": allow-risk unclassified"),
                model("", "", "{\"deny-risk\": [\"exec\"], \"allow-risk\": [\"unclassified\"]}").decide("__x_new", RiskGroup.UNCLASSIFIED));
    }

    @Test
    void failClosedKeepsOnlyProtocolCommands() {
        PolicyModel model = new PolicyModel(CommandLineLists.of("guest-sync", ""), new PolicySource.FailClosed(FILE, "line 1"));
        String rule = "fail-closed: policy file " + FILE + " is invalid";
        assertEquals(Decision.allowed(rule + " (protocol command kept)"), model.decide("guest-info", RiskGroup.INFO));
        assertEquals(Decision.allowed(rule + " (protocol command kept)"), model.decide("guest-ping", RiskGroup.INFO));
        assertEquals(Decision.allowed(rule + " (protocol command kept)"), model.decide("guest-sync-delimited", RiskGroup.INFO));
        assertEquals(Decision.refused("block-rpcs (command line/config file)"), model.decide("guest-sync", RiskGroup.INFO));
        assertEquals(Decision.refused(rule), model.decide("guest-get-load", RiskGroup.INFO));
        assertEquals(Decision.refused(rule), model.decide(PolicyExplain.NAME, RiskGroup.INFO));
    }
}
