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
 * __org.jqga_fsfreeze-report (jqga extension): every mount-table line with whether this agent holds it
 * frozen and why it does not. Linux cannot be asked whether a filesystem is frozen without changing it
 * (FIFREEZE freezes, FITHAW thaws; /proc and /sys do not show it), so the flags are the agent's own record
 * of its last freeze; lines qemu-ga's rules skip are listed with the rule that skipped them.
 */
@Component(service = Command.class)
// read-only, and most useful exactly while frozen: it stays available then
@GuestCommand(name = "__org.jqga_fsfreeze-report", allowedWhileFrozen = true, risk = RiskGroup.FSFREEZE)
public final class FsfreezeReportCommand implements Command<NoArguments> {

    private final Freezer freezer;

    @Activate
    public FsfreezeReportCommand(@Reference Freezer freezer) {
        this.freezer = freezer;
    }

    @Override
    public FsfreezeReport execute(NoArguments arguments, CommandContext context) throws CommandException {
        return freezer.report();
    }
}
