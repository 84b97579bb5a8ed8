package org.jqga.commands.core.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Component;

/**
 * guest-sync-delimited: echoes the id behind a 0xFF byte, which can never occur in JSON, so a host
 * whose channel held stale bytes can discard everything up to it.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-sync-delimited", allowedWhileFrozen = true, risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestSyncDelimited implements Command<GuestSync.Arguments> {

    @Override
    public Object execute(GuestSync.Arguments arguments, CommandContext context) {
        context.delimitReply();
        return arguments.id();
    }
}
