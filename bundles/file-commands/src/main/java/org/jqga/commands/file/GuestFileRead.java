package org.jqga.commands.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * the host parser's 64 MiB), base64-encoded once from a buffer of exactly that size.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-read", risk = RiskGroup.FILE)
public final class GuestFileRead implements Command<GuestFileRead.Arguments> {

    static final int DEFAULT_COUNT = 4096;
    static final long MAX_COUNT = 48L * 1024 * 1024;

    public record Arguments(long handle, @OptionalArgument Long count) {
    }

    /** {@code eof} is true only when this read reached end of file (or a FIFO with no writer). */
    public record Result(long count, String bufB64, boolean eof) {
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
        return new Result(chunk.length(), encode(chunk), chunk.eof());
    }

    private static String encode(OpenFile.ReadChunk chunk) {
        if (chunk.length() == chunk.data().length) {
            return Base64.getEncoder().encodeToString(chunk.data());
        }
        ByteBuffer encoded = Base64.getEncoder().encode(ByteBuffer.wrap(chunk.data(), 0, chunk.length()));
        return new String(encoded.array(), 0, encoded.limit(), StandardCharsets.ISO_8859_1);
    }
}
