package org.jqga.commands.info.internal;

import java.time.Clock;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-timezone: the abbreviation in force now (e.g. "UTC", "CEST", "-03") and the offset in seconds
 * east of UTC, read from the zone the guest's C library would use ({@link LocalTimezone}), not from the JVM's
 * own tz database and naming, which can disagree with the guest's files.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-timezone", risk = RiskGroup.INFO)
public final class GuestGetTimezone implements Command<NoArguments> {

    /** {@code zone} is omitted when the zone has no abbreviation, as qemu-ga does. */
    public record Timezone(String zone, long offset) {
    }

    private final LocalTimezone localTimezone;
    private final Clock clock;

    @Activate
    public GuestGetTimezone(BundleContext bundleContext) {
        this(new LocalTimezone(SystemPaths.of(bundleContext), System::getenv), Clock.systemUTC());
    }

    GuestGetTimezone(LocalTimezone localTimezone, Clock clock) {
        this.localTimezone = localTimezone;
        this.clock = clock;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        TimezoneRule.Period period = localTimezone.load().periodAt(clock.instant().getEpochSecond());
        return new Timezone(period.abbreviation().isEmpty() ? null : period.abbreviation(), period.utcOffset());
    }
}
