package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.LongSupplier;
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
 * guest-get-cpustats: each CPU's times from /proc/stat in milliseconds (ticks * 1000 / USER_HZ, integer
 * arithmetic as in qemu-ga). The optional members are present when the kernel's line has their column:
 * iowait from 5 values on, irq 6, softirq 7, steal 8, guest 9, guestnice 10. qemu-ga also sends softirq for a
 * 6-value line, with an uninitialised value; here it is left out.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-cpustats", risk = RiskGroup.INFO)
public final class GuestGetCpustats implements Command<NoArguments> {

    /** The "linux" branch of qemu-ga's GuestCpuStats union, flattened as QAPI sends it. */
    public record CpuStats(String type, int cpu, long user, long nice, long system, long idle, Long iowait, Long irq,
                           Long softirq, Long steal, Long guest, Long guestnice) {
    }

    private static final String PROC_STAT = "/proc/stat";

    private final SystemPaths paths;
    private final LongSupplier ticksPerSecond;

    @Activate
    public GuestGetCpustats(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext), ClockTicks::perSecond);
    }

    GuestGetCpustats(SystemPaths paths, LongSupplier ticksPerSecond) {
        this.paths = paths;
        this.ticksPerSecond = ticksPerSecond;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        String content;
        try {
            content = Files.readString(paths.resolve(PROC_STAT), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw CommandException.genericError("open(\"" + PROC_STAT + "\"): " + ErrnoText.of(e));
        }
        long hz = ticksPerSecond.getAsLong();
        return ProcStat.parse(content).stream().map(line -> toStats(line, hz)).toList();
    }

    private static CpuStats toStats(ProcStat.CpuLine line, long hz) {
        long[] t = line.ticks();
        return new CpuStats("linux", line.cpu(), ms(t[0], hz), ms(t[1], hz), ms(t[2], hz), ms(t[3], hz),
                optional(t, 4, hz), optional(t, 5, hz), optional(t, 6, hz), optional(t, 7, hz), optional(t, 8, hz),
                optional(t, 9, hz));
    }

    private static Long optional(long[] ticks, int column, long hz) {
        return ticks.length > column ? ms(ticks[column], hz) : null;
    }

    private static long ms(long ticks, long hz) {
        return Long.divideUnsigned(ticks * 1000, hz);
    }
}
