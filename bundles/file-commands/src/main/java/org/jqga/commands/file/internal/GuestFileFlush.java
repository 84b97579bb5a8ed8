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

/**
 * guest-file-flush. qemu-ga flushes its stdio buffer here; this agent writes straight to the descriptor, so
 * the data is already with the kernel (as after qemu-ga's fflush; neither syncs to disk).
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-flush", risk = RiskGroup.FILE)
public final class GuestFileFlush implements Command<GuestFileFlush.Arguments> {

    public record Arguments(long handle) {
    }

    private final FileHandleTable table;

    @Activate
    public GuestFileFlush(@Reference FileHandleTable table) {
        this.table = table;
    }

    @Override
    public NoResult execute(Arguments arguments, CommandContext context) throws CommandException {
        table.get(arguments.handle()).flush();
        return NoResult.INSTANCE;
    }
}
