package org.jqga.deploy.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** __org.jqga_bundle-rollback: puts the version a deployed bundle had before its last change back into the folder. */
@Component(service = Command.class)
@GuestCommand(name = "__org.jqga_bundle-rollback", risk = RiskGroup.ADMIN)
public final class BundleRollback implements Command<BundleRollback.Arguments> {

    public record Arguments(String symbolicName) {
    }

    private final DeployRequests requests;

    @Activate
    public BundleRollback(@Reference DeployFolder folder) {
        this.requests = new DeployRequests(folder);
    }

    @Override
    public DeployRequests.BundleResult execute(Arguments arguments, CommandContext context) throws CommandException {
        return requests.rollback(arguments.symbolicName());
    }
}
