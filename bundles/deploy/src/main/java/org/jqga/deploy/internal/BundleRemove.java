package org.jqga.deploy.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * __org.jqga_bundle-remove: deletes a deployed bundle's file, and so the bundle. Bundles of the agent installation
 * (api, engine, transport, the built-in commands) are not in the deploy folder and are refused.
 */
@Component(service = Command.class)
@GuestCommand(name = "__org.jqga_bundle-remove", risk = RiskGroup.ADMIN)
public final class BundleRemove implements Command<BundleRemove.Arguments> {

    public record Arguments(String symbolicName) {
    }

    private final DeployRequests requests;

    @Activate
    public BundleRemove(@Reference DeployFolder folder) {
        this.requests = new DeployRequests(folder);
    }

    @Override
    public DeployRequests.BundleResult execute(Arguments arguments, CommandContext context) throws CommandException {
        return requests.remove(arguments.symbolicName());
    }
}
