package org.jqga.engine.internal.policy;

import java.util.function.BooleanSupplier;

/**
 * Whether a command may run now, and qemu-ga 7.2's text when it may not: the block and allow lists
 * first (a blocked command stays blocked while frozen, as in 7.2), then the frozen state, which
 * lets through only the commands that declare they are safe while filesystems are frozen.
 */
public final class CommandAdmission {

    private final CommandPolicy policy;
    private final BooleanSupplier frozen;

    public CommandAdmission(CommandPolicy policy, BooleanSupplier frozen) {
        this.policy = policy;
        this.frozen = frozen;
    }

    /** Null if {@code command} may run now, else the desc of its CommandNotFound error. */
    public String refusal(String command, boolean allowedWhileFrozen) {
        if (!policy.allows(command)) {
            return "Command " + command + " has been disabled";
        }
        if (!allowedWhileFrozen && frozen.getAsBoolean()) {
            return "Command " + command + " has been disabled: the agent is in frozen state";
        }
        return null;
    }
}
