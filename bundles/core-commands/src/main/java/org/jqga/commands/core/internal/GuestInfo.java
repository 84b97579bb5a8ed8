package org.jqga.commands.core.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandCatalog;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-info: the agent version and every registered command with whether it may run right now,
 * read from the live catalog, so installed, removed and blocked commands show at once. Non-blocking but for one
 * moment: asked while the agent is still starting its last bundles, the catalog waits for them (bounded, see
 * CommandCatalog), since hosts read the list once and keep it.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-info", allowedWhileFrozen = true, risk = RiskGroup.INFO, nonBlocking = true)
public final class GuestInfo implements Command<NoArguments> {

    public record AgentInfo(String version, @JsonProperty("supported_commands") List<CommandInfo> supportedCommands) {
    }

    public record CommandInfo(String name, boolean enabled, boolean successResponse) {
    }

    private final CommandCatalog catalog;
    private final String version;

    @Activate
    public GuestInfo(@Reference CommandCatalog catalog, BundleContext bundleContext) {
        this.catalog = catalog;
        String configured = bundleContext.getProperty("org.jqga.version");
        this.version = configured != null ? configured : bundleContext.getBundle().getVersion().toString();
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        List<CommandInfo> commands = catalog.commands().stream()
                .map(c -> new CommandInfo(c.name(), c.enabled(), c.successResponse()))
                .toList();
        return new AgentInfo(version, commands);
    }
}
