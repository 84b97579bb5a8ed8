package org.jqga.commands.clock.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoResult;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.jqga.programs.HelperProgram;
import org.jqga.programs.ProgramNotStarted;
import org.jqga.programs.ProgramRun;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * guest-set-time. With {@code time} (ns since the epoch): the year it falls in, in the guest's local time zone,
 * must be 1970-2069, as in qemu-ga; the system clock is set to it at microsecond precision (settimeofday's), then
 * the RTC from the system clock ({@code hwclock -w}). Without: the system clock from the RTC ({@code hwclock -s}).
 *
 * <p>qemu-ga's other check, "Time N is too large", rejects seconds that do not fit a 32-bit time_t; on 64-bit
 * Linux every int64 of nanoseconds fits, so it never fires there and is not repeated here.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-set-time", risk = RiskGroup.POWER)
public final class GuestSetTime implements Command<GuestSetTime.Arguments> {

    /** @param time nanoseconds since the epoch; absent: take the time from the RTC */
    public record Arguments(@OptionalArgument Long time) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(GuestSetTime.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ClockPrograms programs;
    private final ZoneId localZone;

    @Activate
    public GuestSetTime(BundleContext context) {
        this(ClockPrograms.of(context), ZoneId.systemDefault());
    }

    GuestSetTime(ClockPrograms programs, ZoneId localZone) {
        this.programs = programs;
        this.localZone = localZone;
    }

    @Override
    public Object execute(Arguments arguments, CommandContext context) throws CommandException {
        Long time = arguments.time();
        if (time != null) {
            setSystemClock(time);
        }
        HelperProgram.runFor("set hardware clock to system time",
                List.of(programs.hwclock().toString(), time != null ? "-w" : "-s"), null);
        return NoResult.INSTANCE;
    }

    private void setSystemClock(long timeNs) throws CommandException {
        // C's truncating division, as qemu-ga fills struct timeval
        long seconds = timeNs / NANOS_PER_SECOND;
        long micros = timeNs % NANOS_PER_SECOND / 1_000;
        int year = Instant.ofEpochSecond(seconds).atZone(localZone).getYear();
        if (year < 1970 || year >= 2070) {
            // qemu-ga appends whatever errno happens to hold (often "Success"); EINVAL's text says what is wrong
            throw CommandException.genericError("Invalid time: Invalid argument");
        }
        if (micros < 0) {
            // a negative tv_usec just after the epoch: settimeofday(2) refuses it
            throw CommandException.genericError("Failed to set time to guest: Invalid argument");
        }
        LOG.info("guest-set-time: setting the system clock to {}.{} s", seconds, String.format("%06d", micros));
        List<String> argv = List.of(programs.setClock().toString(), "-u", "-s",
                "@" + seconds + "." + String.format("%06d", micros));
        ProgramRun run;
        try {
            run = HelperProgram.run(argv, null);
        } catch (ProgramNotStarted e) {
            throw CommandException.genericError("Failed to set time to guest: failed to exec '" + e.program() + "': "
                    + e.reason());
        } catch (IOException e) {
            throw CommandException.genericError("Failed to set time to guest: " + e.getMessage());
        }
        if (!run.succeeded()) {
            String output = run.output().strip();
            throw CommandException.genericError("Failed to set time to guest: "
                    + (output.isEmpty() ? "exit status " + run.exitStatus() : output));
        }
    }
}
