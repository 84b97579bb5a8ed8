package org.jqga.engine.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CommandAdmissionTest {

    private final AtomicBoolean frozen = new AtomicBoolean();

    private CommandAdmission admission(String block, String allow) {
        return new CommandAdmission(CommandPolicy.fromLists(block, allow), frozen::get);
    }

    @Test
    void blockListRefusesWithQemu72Text() {
        CommandAdmission admission = admission("guest-exec, guest-file-open,", null);
        assertEquals("Command guest-exec has been disabled", admission.refusal("guest-exec", false));
        assertEquals("Command guest-file-open has been disabled", admission.refusal("guest-file-open", false));
        assertNull(admission.refusal("guest-ping", true));
    }

    @Test
    void allowListAdmitsOnlyItsNamesAndBlockWins() {
        CommandAdmission admission = admission("guest-info", "guest-ping,guest-info");
        assertNull(admission.refusal("guest-ping", true));
        assertEquals("Command guest-info has been disabled", admission.refusal("guest-info", true));
        assertEquals("Command guest-exec has been disabled", admission.refusal("guest-exec", false));
    }

    @Test
    void frozenLetsThroughOnlyDeclaredCommands() {
        CommandAdmission admission = admission("guest-ping", "");
        frozen.set(true);
        assertEquals("Command guest-exec has been disabled: the agent is in frozen state", admission.refusal("guest-exec", false));
        assertNull(admission.refusal("guest-fsfreeze-thaw", true));
        assertEquals("Command guest-ping has been disabled", admission.refusal("guest-ping", true), "blocked stays blocked");
        frozen.set(false);
        assertNull(admission.refusal("guest-exec", false));
    }
}
