package org.jqga.commands.file.internal;

import java.nio.ByteBuffer;
import org.jqga.api.Base64Argument;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** guest-file-write: decodes {@code buf-b64} as leniently as qemu-ga and writes the first {@code count} bytes. */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-write", risk = RiskGroup.FILE)
public final class GuestFileWrite implements Command<GuestFileWrite.Arguments> {

    /** @param count how many decoded bytes to write; all of them when absent */
    public record Arguments(long handle, Base64Argument bufB64, @OptionalArgument Long count) {
    }

    /**
     * {@code eof} is always false: writes do not meet end of file. {@code count} is less than asked only
     * when a FIFO or device would have blocked part way.
     */
    public record Result(long count, boolean eof) {
    }

    private final FileHandleTable table;

    @Activate
    public GuestFileWrite(@Reference FileHandleTable table) {
        this.table = table;
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        OpenFile file = table.get(arguments.handle());
        // after the handle, as qemu-ga checks them; lent: written before execute returns, never kept
        ByteBuffer data = arguments.bufB64().decodeBuffer();
        long count = arguments.count() == null ? data.remaining() : arguments.count();
        if (count < 0 || count > data.remaining()) {
            throw CommandException.genericError("value '" + count + "' is invalid for argument count");
        }
        data.limit(data.position() + (int) count);
        return new Result(file.write(data), false);
    }
}
