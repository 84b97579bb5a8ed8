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

/** guest-fsfreeze-freeze: freezes every filesystem of the mount table; returns how many were frozen. */
@Component(service = Command.class)
@GuestCommand(name = GuestFsfreezeFreeze.NAME, risk = RiskGroup.FSFREEZE)
public final class GuestFsfreezeFreeze implements Command<NoArguments> {

    static final String NAME = "guest-fsfreeze-freeze";

    private final Freezer freezer;

    @Activate
    public GuestFsfreezeFreeze(@Reference Freezer freezer) {
        this.freezer = freezer;
    }

    @Override
    public Long execute(NoArguments arguments, CommandContext context) throws CommandException {
        return freezer.freeze(NAME, null);
    }
}
