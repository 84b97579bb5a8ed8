package org.jqga.fsfreeze.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-fsfreeze-thaw: thaws every filesystem of the mount table and leaves frozen mode; returns how many
 * were thawed. Runs (and runs the hook) even when the agent believes it is thawed, as qemu-ga does.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-fsfreeze-thaw", allowedWhileFrozen = true, risk = RiskGroup.FSFREEZE)
public final class GuestFsfreezeThaw implements Command<NoArguments> {

    private final Freezer freezer;

    @Activate
    public GuestFsfreezeThaw(@Reference Freezer freezer) {
        this.freezer = freezer;
    }

    @Override
    public Long execute(NoArguments arguments, CommandContext context) throws CommandException {
        return freezer.thaw();
    }
}
