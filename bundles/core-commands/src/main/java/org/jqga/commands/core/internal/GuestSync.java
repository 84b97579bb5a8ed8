package org.jqga.commands.core.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Component;

/** guest-sync: echoes the host's id, so a line-oriented host can tell stale replies from fresh ones. */
@Component(service = Command.class)
@GuestCommand(name = "guest-sync", allowedWhileFrozen = true, risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestSync implements Command<GuestSync.Arguments> {

    public record Arguments(long id) {
    }

    @Override
    public Object execute(Arguments arguments, CommandContext context) {
        return arguments.id();
    }
}
