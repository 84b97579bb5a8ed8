package org.jqga.deploy.internal;

import java.util.ArrayList;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * __org.jqga_bundle-list: every bundle of the agent with its state, where it came from, the commands it registers,
 * and for deployed bundles the version a rollback would restore.
 */
@Component(service = Command.class)
@GuestCommand(name = "__org.jqga_bundle-list", risk = RiskGroup.ADMIN)
public final class BundleList implements Command<NoArguments> {

    public record BundleEntry(long id, String symbolicName, String version, String state, String location,
                              boolean deployed, List<String> commands, @OptionalArgument String previousVersion) {
    }

    private final BundleContext context;
    private final DeployFolder folder;

    @Activate
    public BundleList(BundleContext context, @Reference DeployFolder folder) {
        this.context = context;
        this.folder = folder;
    }

    @Override
    public List<BundleEntry> execute(NoArguments arguments, CommandContext commandContext) {
        List<BundleEntry> entries = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean deployed = DeployRequests.isDeployed(folder, bundle);
            String previous = null;
            if (deployed) {
                String fileName = folder.history().fileOf(bundle.getSymbolicName());
                BundleFile before = fileName == null ? null : folder.history().previous(fileName);
                previous = before == null ? null : before.version();
            }
            entries.add(new BundleEntry(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                    BundleStates.name(bundle.getState()), bundle.getLocation(), deployed, commandsOf(bundle), previous));
        }
        return entries;
    }

    private static List<String> commandsOf(Bundle bundle) {
        List<String> names = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> reference : registered) {
                if (reference.getProperty(GuestCommand.NAME_PROPERTY) instanceof String name) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }
}
