package org.jqga.engine.internal.dispatch;

import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandCatalog;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.ReplySink;
import org.jqga.engine.internal.policy.CommandAdmission;
import org.jqga.engine.internal.policy.CommandPolicy;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The engine as the rest of the agent sees it: transports open sessions on it, guest-info reads the
 * catalog from it. Command services are tracked whiteboard-style, as references only.
 */
@Component(service = {ProtocolEngine.class, CommandCatalog.class})
public final class ProtocolEngineService implements ProtocolEngine, CommandCatalog {

    private final CommandRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FrozenFilesystems frozen;

    private final CommandGate gate;
    private final RequestDispatcher dispatcher;

    @Activate
    public ProtocolEngineService(BundleContext bundleContext) {
        CommandPolicy policy = CommandPolicy.fromLists(
                bundleContext.getProperty("org.jqga.blockRpcs"), bundleContext.getProperty("org.jqga.allowRpcs"));
        this.registry = new CommandRegistry(bundleContext);
        CommandAdmission admission = new CommandAdmission(policy, () -> frozen != null);
        this.gate = command -> admission.refusal(command.name(), command.allowedWhileFrozen());
        this.dispatcher = new RequestDispatcher(registry, gate, new ResultMapper());
    }

    @Reference(service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCommand(ServiceReference<Command<?>> reference) {
        registry.add(reference);
    }

    void removeCommand(ServiceReference<Command<?>> reference) {
        registry.remove(reference);
    }

    @Override
    public ProtocolSession openSession(ReplySink sink) {
        return new EngineSession(dispatcher, sink);
    }

    @Override
    public List<CommandInfo> commands() {
        return registry.all().stream()
                .map(command -> new CommandInfo(command.name(), gate.refusal(command) == null, command.successResponse()))
                .toList();
    }
}
