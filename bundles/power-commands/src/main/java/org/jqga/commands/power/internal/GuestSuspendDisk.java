package org.jqga.commands.power.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** guest-suspend-disk: see {@link Suspender}. Success sends no reply: the guest is asleep. */
@Component(service = Command.class)
@GuestCommand(name = "guest-suspend-disk", successResponse = false, risk = RiskGroup.POWER)
public final class GuestSuspendDisk implements Command<NoArguments> {

    private final Suspender suspender;

    @Activate
    public GuestSuspendDisk(BundleContext context) {
        this(PowerSettings.of(context));
    }

    GuestSuspendDisk(PowerSettings settings) {
        this.suspender = new Suspender(settings);
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        suspender.suspend(SuspendMode.DISK);
        return NoResult.INSTANCE;
    }
}
