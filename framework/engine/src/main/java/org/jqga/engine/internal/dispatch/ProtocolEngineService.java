package org.jqga.engine.internal.dispatch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jqga.api.Command;
import org.jqga.api.CommandCatalog;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.audit.RequestObserver;
import org.jqga.api.policy.AdmissionPolicy;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.ReplySink;
import org.jqga.api.transport.SessionOrigin;
import org.jqga.engine.internal.audit.RequestAudit;
import org.jqga.engine.internal.policy.CommandAdmission;
import org.jqga.engine.internal.policy.CommandPolicy;
import org.jqga.engine.internal.policy.FallbackPolicy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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

    private static final String POLICY_BUNDLE = "org.jqga.policy";

    private final CommandRegistry registry;
    private final CommandRunner runner;
    private final LentBuffers lentBuffers = new LentBuffers();
    private final IdleHeapTrim heapTrim;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FrozenFilesystems frozen;

    /** The policy bundle's verdicts; while absent the engine's FallbackPolicy decides (never open). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AdmissionPolicy policyService;

    /** Audit sinks and anything else told about every answered request. */
    private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();
    private final RequestAudit audit = new RequestAudit(observers);
    private final CommandAdmission admission;

    private final CommandGate gate;
    private final RequestDispatcher dispatcher;

    @Activate
    public ProtocolEngineService(BundleContext bundleContext) {
        CommandPolicy policy = CommandPolicy.fromLists(
                bundleContext.getProperty("org.jqga.blockRpcs"), bundleContext.getProperty("org.jqga.allowRpcs"));
        this.registry = new CommandRegistry(bundleContext,
                longProperty(bundleContext, "org.jqga.swapWaitMillis", CommandRegistry.DEFAULT_SWAP_WAIT_MILLIS),
                longProperty(bundleContext, "org.jqga.swapWindowMillis", CommandRegistry.DEFAULT_SWAP_WINDOW_MILLIS),
                System::nanoTime, () -> frameworkStarting(bundleContext),
                longProperty(bundleContext, "org.jqga.startWaitMillis", CommandRegistry.DEFAULT_START_WAIT_MILLIS));
        this.runner = new CommandRunner(
                longProperty(bundleContext, "org.jqga.commandTimeoutMillis", CommandRunner.DEFAULT_TIMEOUT_MILLIS),
                (int) longProperty(bundleContext, "org.jqga.maxHungCommands", CommandRunner.DEFAULT_MAX_ABANDONED));
        this.heapTrim = new IdleHeapTrim(
                longProperty(bundleContext, "org.jqga.idleGcMillis", IdleHeapTrim.DEFAULT_IDLE_MILLIS),
                new HotSpotTransferHeap(lentBuffers));
        this.admission = new CommandAdmission(() -> policyService,
                new FallbackPolicy(policy, () -> policyBundleInstalled(bundleContext)), () -> frozen != null);
        // the dispatcher's gate also tells the audit which rule decided the request
        this.gate = (command, origin) -> {
            CommandAdmission.Verdict verdict = admission.decide(command.name(), command.risk(),
                    command.allowedWhileFrozen(), origin);
            audit.decided(verdict.allowed(), verdict.rule());
            return verdict.refusal();
        };
        this.dispatcher = new RequestDispatcher(registry, gate, new ResultMapper(), runner, audit, lentBuffers);
    }

    @Reference(service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCommand(ServiceReference<Command<?>> reference) {
        registry.add(reference);
    }

    void removeCommand(ServiceReference<Command<?>> reference) {
        registry.remove(reference);
    }

    @Reference(service = RequestObserver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addObserver(RequestObserver observer) {
        observers.add(observer);
    }

    void removeObserver(RequestObserver observer) {
        observers.remove(observer);
    }

    /** Whether the policy bundle is installed at all, whatever its state: then its absence must not mean "open". */
    private static boolean policyBundleInstalled(BundleContext bundleContext) {
        try {
            for (Bundle bundle : bundleContext.getBundles()) {
                if (POLICY_BUNDLE.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                    return true;
                }
            }
            return false;
        } catch (IllegalStateException stopping) {
            return true;
        }
    }

    /** The system bundle stays STARTING until the framework has worked through every start level. */
    private static boolean frameworkStarting(BundleContext bundleContext) {
        try {
            return bundleContext.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.STARTING;
        } catch (IllegalStateException stopping) {
            return false;
        }
    }

    @Deactivate
    void deactivate() {
        runner.close();
        heapTrim.close();
        registry.releaseServices();
    }

    /** A numeric framework property; the default when unset or not a number. */
    private static long longProperty(BundleContext bundleContext, String key, long fallback) {
        String value = bundleContext.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public ProtocolSession openSession(ReplySink sink, SessionOrigin origin) {
        return new EngineSession(dispatcher, sink, origin, heapTrim);
    }

    @Override
    public List<CommandInfo> commands() {
        try {
            registry.awaitStarted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return registry.all().stream()
                .map(command -> new CommandInfo(command.name(),
                        admission.decide(command.name(), command.risk(), command.allowedWhileFrozen()).allowed(),
                        command.successResponse()))
                .toList();
    }
}
