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
 * large chunks costs neither a base64 copy nor a new array per request. A read of 1 MiB and more from a regular file
 * with 1 MiB or more left returns a {@link FileRegion} instead, which the reply reads as it is sent; one with less left
 * borrows a buffer only as large as that.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-read", risk = RiskGroup.FILE)
public final class GuestFileRead implements Command<GuestFileRead.Arguments> {

    static final int DEFAULT_COUNT = 4096;
    static final long MAX_COUNT = 48L * 1024 * 1024;
    /** From this count a regular file is read while the reply is sent (see {@link FileRegion}). */
    static final long READ_WHILE_SENDING_FROM = 1L << 20;

    public record Arguments(long handle, @OptionalArgument Long count) {
    }

    /**
     * {@code bufB64} is a lent {@link ByteBuffer} (position to limit) or a {@link FileRegion}; {@code eof} is true only
     * when this read reached end of file (or a FIFO with no writer).
     */
    public record Result(long count, Object bufB64, boolean eof) {
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
        int capacity = (int) count;
        if (count >= READ_WHILE_SENDING_FROM) {
            long left = file.bytesLeft();
            if (left >= READ_WHILE_SENDING_FROM) {
                // the loop in OpenFile.read would stop at the end of the file, and only then report it
                int size = (int) Math.min(count, left);
                FileRegion region = file.region(size);
                if (region != null) {
                    return new Result(size, region, left < count);
                }
            } else if (left >= 0) {
                // room for what is left and one byte more, so that the read still finds the end of the file: an
                // empty read at the end of a file would otherwise have 48 MiB of native memory lent and zeroed for it
                capacity = (int) Math.min(count, left + 1);
            }
        }
        ByteBuffer data = context.lendBuffer(capacity);
        boolean eof = file.read(data);
        if (!eof && capacity < count) {
            // more than its size said (it grew meanwhile): on into a buffer for all that was asked
            ByteBuffer all = context.lendBuffer((int) count);
            all.put(data.flip());
            eof = file.read(all);
            data = all;
        }
        data.flip();
        return new Result(data.remaining(), data, eof);
    }
}
