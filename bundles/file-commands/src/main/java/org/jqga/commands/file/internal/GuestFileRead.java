package org.jqga.commands.file.internal;

import java.util.Arrays;
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
 * the host parser's 64 MiB). The bytes are returned as they are: the engine writes them as base64 straight
 * into the reply, so no base64 copy of a large read is ever held in memory.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-read", risk = RiskGroup.FILE)
public final class GuestFileRead implements Command<GuestFileRead.Arguments> {

    static final int DEFAULT_COUNT = 4096;
    static final long MAX_COUNT = 48L * 1024 * 1024;

    public record Arguments(long handle, @OptionalArgument Long count) {
    }

    /** {@code eof} is true only when this read reached end of file (or a FIFO with no writer). */
    public record Result(long count, byte[] bufB64, boolean eof) {
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
        OpenFile.ReadChunk chunk = file.read((int) count);
        byte[] data = chunk.length() == chunk.data().length ? chunk.data() : Arrays.copyOf(chunk.data(), chunk.length());
        return new Result(chunk.length(), data, chunk.eof());
    }
}
