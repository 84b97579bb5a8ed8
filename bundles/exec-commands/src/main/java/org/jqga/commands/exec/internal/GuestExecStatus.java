package org.jqga.commands.exec.internal;

import java.util.Arrays;
import java.util.Objects;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-exec-status: {@code {"exited": false}} while the program runs or its captured output is still
 * open; then, once, the full report, after which the pid is unknown.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-exec-status", risk = RiskGroup.EXEC)
public final class GuestExecStatus implements Command<GuestExecStatus.Arguments> {

    public record Arguments(long pid) {
    }

    /**
     * Members in qemu-ga's order; null ones are omitted. {@code exitcode} for a normal exit, {@code signal}
     * for death by a signal; each {@code *-data} (present only when at least one byte was captured) comes
     * with its {@code *-truncated}, true when more than 16 MiB was written and the rest discarded. The data
     * are raw bytes, which Jackson writes as standard base64 with padding, as qemu-ga does; so a 16 MiB
     * capture is never held as a base64 String by this bundle (the engine may encode it while writing).
     */
    public record Result(boolean exited, Integer exitcode, Integer signal, byte[] outData, byte[] errData,
            Boolean outTruncated, Boolean errTruncated) {

        static final Result RUNNING = new Result(false, null, null, null, null, null, null);

        @Override
        public boolean equals(Object other) {
            return other instanceof Result that && exited == that.exited && Objects.equals(exitcode, that.exitcode)
                    && Objects.equals(signal, that.signal) && Arrays.equals(outData, that.outData)
                    && Arrays.equals(errData, that.errData) && Objects.equals(outTruncated, that.outTruncated)
                    && Objects.equals(errTruncated, that.errTruncated);
        }

        @Override
        public int hashCode() {
            return Objects.hash(exited, exitcode, signal, Arrays.hashCode(outData), Arrays.hashCode(errData),
                    outTruncated, errTruncated);
        }

        @Override
        public String toString() {
            return "Result[exited=" + exited + ", exitcode=" + exitcode + ", signal=" + signal + ", outData="
                    + describe(outData) + ", errData=" + describe(errData) + ", outTruncated=" + outTruncated
                    + ", errTruncated=" + errTruncated + "]";
        }

        private static String describe(byte[] data) {
            return data == null ? "null" : data.length + " bytes";
        }
    }

    private final ChildProcessTable table;

    @Activate
    public GuestExecStatus(@Reference ChildProcessTable table) {
        this.table = table;
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        return table.status(arguments.pid());
    }
}
