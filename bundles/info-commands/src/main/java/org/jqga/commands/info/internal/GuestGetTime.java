package org.jqga.commands.info.internal;

import java.time.Clock;
import java.time.Instant;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-time: the guest's wall clock in nanoseconds since the epoch. qemu-ga reads a microsecond clock
 * and multiplies by 1000, so its answers always end in 000; hosts may rely on that granularity, so this does
 * the same rather than report the finer clock Java has. A clock read cannot block, so the engine runs it on the
 * channel's thread (nonBlocking), as a ping.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-time", risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestGetTime implements Command<NoArguments> {

    private final Clock clock;

    @Activate
    public GuestGetTime() {
        this(Clock.systemUTC());
    }

    GuestGetTime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        return micros * 1_000L;
    }
}
