package org.jqga.engine.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.AdmissionPolicy;
import org.jqga.api.policy.Decision;
import org.jqga.api.transport.SessionOrigin;
import org.junit.jupiter.api.Test;

class CommandAdmissionTest {

    private final AtomicBoolean frozen = new AtomicBoolean();
    private final AtomicBoolean policyBundleInstalled = new AtomicBoolean();
    private final AtomicReference<AdmissionPolicy> service = new AtomicReference<>();

    private CommandAdmission admission(String block, String allow) {
        return new CommandAdmission(service::get,
                new FallbackPolicy(CommandPolicy.fromLists(block, allow), policyBundleInstalled::get), frozen::get);
    }

    @Test
    void blockListRefusesWithQemu72Text() {
        CommandAdmission admission = admission("guest-exec, guest-file-open,", null);
        assertEquals("Command guest-exec has been disabled", admission.refusal("guest-exec", RiskGroup.EXEC, false));
        assertEquals("Command guest-file-open has been disabled", admission.refusal("guest-file-open", RiskGroup.FILE, false));
        assertNull(admission.refusal("guest-ping", RiskGroup.INFO, true));
        assertEquals("block-rpcs (command line/config file)", admission.decide("guest-exec", RiskGroup.EXEC, false).rule());
    }

    @Test
    void allowListAdmitsOnlyItsNamesAndBlockWins() {
        CommandAdmission admission = admission("guest-info", "guest-ping,guest-info");
        assertNull(admission.refusal("guest-ping", RiskGroup.INFO, true));
        assertEquals("Command guest-info has been disabled", admission.refusal("guest-info", RiskGroup.INFO, true));
        assertEquals("Command guest-exec has been disabled", admission.refusal("guest-exec", RiskGroup.EXEC, false));
    }

    @Test
    void frozenLetsThroughOnlyDeclaredCommands() {
        CommandAdmission admission = admission("guest-ping", "");
        frozen.set(true);
        CommandAdmission.Verdict exec = admission.decide("guest-exec", RiskGroup.EXEC, false);
        assertEquals("Command guest-exec has been disabled: the agent is in frozen state", exec.refusal());
        assertEquals("frozen", exec.rule());
        assertNull(admission.refusal("guest-fsfreeze-thaw", RiskGroup.FSFREEZE, true));
        assertEquals("Command guest-ping has been disabled", admission.refusal("guest-ping", RiskGroup.INFO, true), "blocked stays blocked");
        frozen.set(false);
        assertNull(admission.refusal("guest-exec", RiskGroup.EXEC, false));
    }

    @Test
    void withoutPolicyBundleAdminAndUnclassifiedNeedAllowRpcs() {
        CommandAdmission open = admission("", "");
        assertFalse(open.decide("__x_admin", RiskGroup.ADMIN, false).allowed());
        assertFalse(open.decide("__x_mystery", RiskGroup.UNCLASSIFIED, false).allowed());
        assertTrue(open.decide("guest-exec", RiskGroup.EXEC, false).allowed());
        assertEquals("default: allowed", open.decide("guest-exec", RiskGroup.EXEC, false).rule());
        CommandAdmission listed = admission("", "__x_admin,guest-ping");
        assertTrue(listed.decide("__x_admin", RiskGroup.ADMIN, false).allowed());
        assertFalse(listed.decide("__x_mystery", RiskGroup.UNCLASSIFIED, false).allowed());
    }

    @Test
    void installedButAbsentPolicyServiceKeepsOnlyProtocolCommands() {
        policyBundleInstalled.set(true);
        CommandAdmission admission = admission("guest-sync", "");
        assertTrue(admission.decide("guest-ping", RiskGroup.INFO, true).allowed());
        assertTrue(admission.decide("guest-info", RiskGroup.INFO, true).allowed());
        assertFalse(admission.decide("guest-sync", RiskGroup.INFO, true).allowed(), "-b still applies");
        CommandAdmission.Verdict load = admission.decide("guest-get-load", RiskGroup.INFO, false);
        assertFalse(load.allowed());
        assertEquals("Command guest-get-load has been disabled", load.refusal());
        assertEquals("engine fallback (policy service unavailable)", load.rule());
    }

    @Test
    void policyServiceDecidesWhenPresentAndFrozenStillAppliesOnTop() {
        policyBundleInstalled.set(true);
        service.set((command, risk) -> risk.equals(RiskGroup.EXEC) ? Decision.refused("policy file X: deny-risk exec")
                : Decision.allowed("policy file X: default"));
        CommandAdmission admission = admission("", "");
        CommandAdmission.Verdict exec = admission.decide("guest-exec", RiskGroup.EXEC, false);
        assertEquals("Command guest-exec has been disabled", exec.refusal());
        assertEquals("policy file X: deny-risk exec", exec.rule());
        assertTrue(admission.decide("guest-get-load", RiskGroup.INFO, false).allowed());
        frozen.set(true);
        assertEquals("frozen", admission.decide("guest-get-load", RiskGroup.INFO, false).rule());
    }

    @Test
    void aFailingPolicyServiceRefusesInsteadOfOpening() {
        service.set((command, risk) -> {
            throw new IllegalStateException("bug");
        });
        CommandAdmission admission = admission("", "");
        assertFalse(admission.decide("guest-get-load", RiskGroup.INFO, false).allowed());
        assertTrue(admission.decide("guest-ping", RiskGroup.INFO, true).allowed());
        service.set((command, risk) -> null);
        assertFalse(admission.decide("guest-get-load", RiskGroup.INFO, false).allowed());
    }

    @Test
    void adminSessionRunsAdminAndInfoCommandsTheHostPolicyRefuses() {
        service.set((command, risk) -> Decision.refused("policy file P: block"));
        CommandAdmission admission = admission("__org.jqga_bundle-install", null);
        assertFalse(admission.decide("__org.jqga_bundle-install", RiskGroup.ADMIN, false).allowed(), "host");
        CommandAdmission.Verdict install = admission.decide("__org.jqga_bundle-install", RiskGroup.ADMIN, false,
                SessionOrigin.LOCAL_ADMIN);
        assertTrue(install.allowed());
        assertEquals(CommandAdmission.ADMIN_SESSION_RULE, install.rule());
        assertTrue(admission.decide("__org.jqga_policy-explain", RiskGroup.INFO, true, SessionOrigin.LOCAL_ADMIN).allowed());
        CommandAdmission.Verdict exec = admission.decide("guest-exec", RiskGroup.EXEC, false, SessionOrigin.LOCAL_ADMIN);
        assertEquals("Command guest-exec has been disabled", exec.refusal(), "other groups follow the host policy");
        assertEquals("policy file P: block", exec.rule());
    }

    @Test
    void adminSessionStillRespectsFrozenState() {
        frozen.set(true);
        CommandAdmission.Verdict install = admission(null, null).decide("__org.jqga_bundle-install", RiskGroup.ADMIN,
                false, SessionOrigin.LOCAL_ADMIN);
        assertEquals("Command __org.jqga_bundle-install has been disabled: the agent is in frozen state", install.refusal());
    }
}
