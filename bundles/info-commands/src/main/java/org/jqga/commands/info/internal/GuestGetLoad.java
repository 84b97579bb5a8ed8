package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-load (qemu 10.0): the 1, 5 and 15 minute load averages. glibc's getloadavg(), which qemu-ga
 * calls, parses the first three fields of /proc/loadavg; this reads the same file. The kernel makes that file up
 * from memory when it is read, with no lock to wait for, so the engine runs this on the channel's thread
 * (nonBlocking).
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-load", risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestGetLoad implements Command<NoArguments> {

    public record LoadAverage(double load1m, double load5m, double load15m) {
    }

    private final SystemPaths paths;

    @Activate
    public GuestGetLoad(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetLoad(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        String text;
        try {
            text = Files.readString(paths.resolve("/proc/loadavg"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw CommandException.genericError("cannot query load average: " + ErrnoText.of(e));
        }
        String[] fields = text.trim().split("\\s+");
        try {
            return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // getloadavg() fails without setting errno here; EINVAL is the nearest honest text
            throw CommandException.genericError("cannot query load average: Invalid argument");
        }
    }
}
