package org.jqga.fsfreeze.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** guest-fsfreeze-status: "frozen" or "thawed", the agent's own state (not a kernel query), as qemu-ga. */
@Component(service = Command.class)
@GuestCommand(name = "guest-fsfreeze-status", allowedWhileFrozen = true, risk = RiskGroup.FSFREEZE)
public final class GuestFsfreezeStatus implements Command<NoArguments> {

    private final Freezer freezer;

    @Activate
    public GuestFsfreezeStatus(@Reference Freezer freezer) {
        this.freezer = freezer;
    }

    @Override
    public String execute(NoArguments arguments, CommandContext context) {
        return freezer.status();
    }
}
