package org.jqga.fsfreeze.internal;

import java.util.ArrayList;
import java.util.List;
import jnr.constants.platform.Errno;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.jqga.fsfreeze.internal.Filesystems.OpenMount;
import org.jqga.fsfreeze.internal.Filesystems.Trimmed;
import org.jqga.posix.PosixException;
import org.jqga.posix.mounts.Mount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-fstrim: FITRIM over each filesystem of the mount table, one result per mount point, failures
 * reported per path rather than failing the command. Paths come in reverse table order, as qemu-ga lists them.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-fstrim", risk = RiskGroup.FSFREEZE)
public final class GuestFstrim implements Command<GuestFstrim.Arguments> {

    /** @param minimum the smallest free extent worth discarding, in bytes; 0 when absent */
    public record Arguments(@OptionalArgument Long minimum) {
    }

    public record Result(List<PathResult> paths) {
    }

    /** {@code trimmed} and {@code minimum} on success, {@code error} on failure. */
    public record PathResult(String path, Long trimmed, Long minimum, String error) {
    }

    private final Freezer freezer;

    @Activate
    public GuestFstrim(@Reference Freezer freezer) {
        this.freezer = freezer;
    }

    @Override
    public Result execute(Arguments arguments, CommandContext context) throws CommandException {
        long minimum = arguments.minimum() == null ? 0 : arguments.minimum();
        List<Mount> mounts = freezer.readMounts().mounts();
        List<PathResult> paths = new ArrayList<>(mounts.size());
        for (int i = mounts.size() - 1; i >= 0; i--) {
            paths.add(trim(freezer.filesystems(), mounts.get(i).mountPoint(), minimum));
        }
        return new Result(paths);
    }

    private static PathResult trim(Filesystems filesystems, String path, long minimum) {
        OpenMount open;
        try {
            open = filesystems.open(path);
        } catch (PosixException e) {
            return new PathResult(path, null, null, "failed to open: " + e.strerror());
        }
        try (open) {
            Trimmed trimmed = open.trim(minimum);
            return new PathResult(path, trimmed.trimmed(), trimmed.minimum(), null);
        } catch (PosixException e) {
            if (e.is(Errno.ENOTTY) || e.is(Errno.EOPNOTSUPP)) {
                return new PathResult(path, null, null, "trim not supported");
            }
            return new PathResult(path, null, null, "failed to trim: " + e.strerror());
        }
    }
}
