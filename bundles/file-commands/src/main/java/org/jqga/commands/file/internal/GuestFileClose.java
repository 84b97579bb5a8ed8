package org.jqga.commands.file.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoResult;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** guest-file-close: releases the handle; its number is never handed out again. */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-close", risk = RiskGroup.FILE)
public final class GuestFileClose implements Command<GuestFileClose.Arguments> {

    public record Arguments(long handle) {
    }

    private final FileHandleTable table;

    @Activate
    public GuestFileClose(@Reference FileHandleTable table) {
        this.table = table;
    }

    @Override
    public NoResult execute(Arguments arguments, CommandContext context) throws CommandException {
        table.close(arguments.handle());
        return NoResult.INSTANCE;
    }
}
