package org.jqga.commands.file.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.jqga.posix.Posix;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-file-seek. {@code whence} is QAPI's GuestFileWhence alternate: a protocol integer (0 set, 1 cur,
 * 2 end) or a name ("set", "cur", "end"), checked here with qemu-ga's texts and in its order: the JSON type
 * and the name are argument errors that come before the handle lookup, an unknown integer comes after it.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-file-seek", risk = RiskGroup.FILE)
public final class GuestFileSeek implements Command<GuestFileSeek.Arguments> {

    public record Arguments(long handle, long offset, JsonNode whence) {
    }

    /** Members in qemu-ga's order. {@code eof} is false after any successful seek. */
    public record Result(boolean eof, long position) {
    }

    private final FileHandleTable table;

    @Activate
    public GuestFileSeek(@Reference FileHandleTable table) {
        this.table = table;
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        JsonNode whence = arguments.whence();
        Long code = protocolCode(whence);
        OpenFile file = table.get(arguments.handle());
        int seekWhence = code == null ? byName(whence.textValue()) : byCode(code);
        return new Result(false, file.seek(arguments.offset(), seekWhence));
    }

    /** The integer form's value, null for the name form, or the argument-type error. */
    private static Long protocolCode(JsonNode whence) throws CommandException {
        if (whence == null || whence.isNull() || whence.isMissingNode()
                || !(whence.isNumber() || whence.isTextual())) {
            throw CommandException.genericError("Invalid parameter type for 'whence', expected: GuestFileWhence");
        }
        if (whence.isNumber()) {
            if (!whence.isIntegralNumber() || !whence.canConvertToLong()) {
                throw CommandException.genericError("Invalid parameter type for 'whence', expected: integer");
            }
            return whence.longValue();
        }
        String name = whence.textValue();
        if (!name.equals("set") && !name.equals("cur") && !name.equals("end")) {
            throw CommandException.genericError("Parameter 'whence' does not accept value '" + name + "'");
        }
        return null;
    }

    private static int byName(String name) {
        switch (name) {
            case "set":
                return Posix.SEEK_SET;
            case "cur":
                return Posix.SEEK_CUR;
            default:
                return Posix.SEEK_END;
        }
    }

    private static int byCode(long code) throws CommandException {
        if (code == 0) {
            return Posix.SEEK_SET;
        } else if (code == 1) {
            return Posix.SEEK_CUR;
        } else if (code == 2) {
            return Posix.SEEK_END;
        }
        throw CommandException.genericError("invalid whence code " + code);
    }
}
