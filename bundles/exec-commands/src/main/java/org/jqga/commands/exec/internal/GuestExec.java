package org.jqga.commands.exec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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

/** guest-exec: starts a program in the background and returns its pid for guest-exec-status. */
@Component(service = Command.class)
@GuestCommand(name = "guest-exec", risk = RiskGroup.EXEC)
public final class GuestExec implements Command<GuestExec.Arguments> {

    /**
     * @param arg the program's arguments after argv[0], which is {@code path}
     * @param env the program's whole environment ("NAME=value" entries); the agent's own when absent
     * @param inputData base64 of what the program reads on stdin; stdin is /dev/null when absent
     * @param captureOutput GuestExecCaptureOutput: a boolean or none|stdout|stderr|separated|merged
     */
    public record Arguments(String path, @OptionalArgument List<String> arg, @OptionalArgument List<String> env,
            @OptionalArgument Base64Argument inputData, @OptionalArgument JsonNode captureOutput) {
    }

    public record Result(long pid) {
    }

    private final ChildProcessTable table;

    @Activate
    public GuestExec(@Reference ChildProcessTable table) {
        this.table = table;
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        // argument errors first, as qemu-ga's input visitor reports them before the handler decodes anything
        CaptureOutput capture = CaptureOutput.parse(arguments.captureOutput());
        byte[] input = arguments.inputData() == null ? null : arguments.inputData().decode();
        return new Result(table.start(arguments.path(), arguments.arg(), arguments.env(), input, capture));
    }
}
