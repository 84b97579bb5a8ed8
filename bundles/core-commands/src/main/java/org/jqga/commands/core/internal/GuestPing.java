package org.jqga.commands.core.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Component;

/** guest-ping: the host's liveness probe; answers {} and nothing else. */
@Component(service = Command.class)
@GuestCommand(name = "guest-ping", allowedWhileFrozen = true, risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestPing implements Command<NoArguments> {

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        return NoResult.INSTANCE;
    }
}
