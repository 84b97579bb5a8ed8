package org.jqga.deploy.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * __org.jqga_bundle-install: installs a bundle that is not deployed yet, as the file <symbolic name>.jar of the deploy folder. The bytes come base64-encoded, with the detached signature when the agent requires
 * signed bundles; they pass the same checks as a file an admin drops into the folder.
 */
@Component(service = Command.class)
@GuestCommand(name = "__org.jqga_bundle-install", risk = RiskGroup.ADMIN)
public final class BundleInstall implements Command<BundleInstall.Arguments> {

    public record Arguments(String bundleB64, @OptionalArgument String signatureB64) {
    }

    private final DeployRequests requests;

    @Activate
    public BundleInstall(@Reference DeployFolder folder) {
        this.requests = new DeployRequests(folder);
    }

    @Override
    public DeployRequests.BundleResult execute(Arguments arguments, CommandContext context) throws CommandException {
        return requests.put(arguments.bundleB64(), arguments.signatureB64(), false);
    }
}
