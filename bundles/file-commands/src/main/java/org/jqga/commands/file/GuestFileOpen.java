package org.jqga.commands.file;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** guest-file-open: opens a guest file without ever blocking and returns its handle. */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-open", risk = RiskGroup.FILE)
public final class GuestFileOpen implements Command<GuestFileOpen.Arguments> {

    /** @param mode an fopen(3) mode; "r" when absent */
    public record Arguments(String path, @OptionalArgument String mode) {
    }

    private final FileHandleTable table;

    @Activate
    public GuestFileOpen(@Reference FileHandleTable table) {
        this.table = table;
    }

    @Override
    public Long execute(Arguments arguments, CommandContext context) throws CommandException {
        FileOpenMode mode = FileOpenMode.parse(arguments.mode() == null ? "r" : arguments.mode());
        return table.open(arguments.path(), mode);
    }
}
