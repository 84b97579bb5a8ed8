package org.jqga.commands.file.internal;

import java.nio.ByteBuffer;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-file-read: up to {@code count} bytes (default 4096, at most 48 MiB so the base64 reply stays under
 * the host parser's 64 MiB). The bytes are read into a buffer the engine lends and returned as they are: the
 * engine writes them as base64 straight into the reply and then reuses the buffer, so a host reading a file in
 * large chunks costs neither a base64 copy nor a new array per request.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-read", risk = RiskGroup.FILE)
public final class GuestFileRead implements Command<GuestFileRead.Arguments> {

    static final int DEFAULT_COUNT = 4096;
    static final long MAX_COUNT = 48L * 1024 * 1024;

    public record Arguments(long handle, @OptionalArgument Long count) {
    }

    /** {@code eof} is true only when this read reached end of file (or a FIFO with no writer). */
    public record Result(long count, ByteBuffer bufB64, boolean eof) {
    }

    private final FileHandleTable table;

    @Activate
    public GuestFileRead(@Reference FileHandleTable table) {
        this.table = table;
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        OpenFile file = table.get(arguments.handle());
        long count = arguments.count() == null ? DEFAULT_COUNT : arguments.count();
        if (count < 0 || count > MAX_COUNT) {
            throw CommandException.genericError("value '" + count + "' is invalid for argument count");
        }
        ByteBuffer data = context.lendBuffer((int) count);
        boolean eof = file.read(data);
        data.flip();
        return new Result(data.remaining(), data, eof);
    }
}
