package org.jqga.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.Decision;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * __org.jqga_policy-explain: per registered command, whether it may run now and which rule decides, e.g.
 * {@code {"name": "guest-exec", "allowed": false, "rule": "policy file /etc/qemu/jqga-policy.json: deny-risk exec"}}.
 *
 * <p>Risk group INFO, not ADMIN: it tells the host no more than guest-info's {@code enabled} flags already do, plus
 * the reason, which is what a host needs to understand a refusal; it changes nothing and shows no path prefixes.
 * As an ADMIN command it would be refused by default, just when it is needed. A policy that wants it hidden blocks
 * it by name. Allowed while frozen: it only reads memory, and shows the "frozen" rule then.
 */
@Component(service = Command.class)
@GuestCommand(name = PolicyExplain.NAME, risk = RiskGroup.INFO, allowedWhileFrozen = true)
public final class PolicyExplain implements Command<PolicyExplain.Arguments> {

    static final String NAME = "__org.jqga_policy-explain";

    /** @param command explain only this command */
    public record Arguments(@OptionalArgument String command) {
    }

    public record Explanation(String name, boolean allowed, String rule) {
    }

    private final BundleContext context;
    private final PolicyService policy;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FrozenFilesystems frozen;

    @Activate
    public PolicyExplain(BundleContext context, @Reference PolicyService policy) {
        this.context = context;
        this.policy = policy;
    }

    @Override
    public List<Explanation> execute(Arguments arguments, CommandContext requestContext) throws CommandException {
        Map<String, ServiceReference<?>> commands = registeredCommands();
        if (arguments.command() != null && !commands.containsKey(arguments.command())) {
            throw CommandException.genericError("command '" + arguments.command() + "' is not registered");
        }
        PolicyModel model = policy.current();
        boolean isFrozen = frozen != null;
        List<Explanation> explanations = new ArrayList<>();
        for (Map.Entry<String, ServiceReference<?>> entry : commands.entrySet()) {
            if (arguments.command() == null || arguments.command().equals(entry.getKey())) {
                explanations.add(explain(model, entry.getKey(), entry.getValue(), isFrozen));
            }
        }
        return explanations;
    }

    /** As the engine decides: the policy, then frozen state on top. */
    static Explanation explain(PolicyModel model, String name, ServiceReference<?> reference, boolean frozen) {
        Object riskProperty = reference.getProperty(GuestCommand.RISK_PROPERTY);
        String risk = riskProperty instanceof String s && !s.isEmpty() ? s : RiskGroup.UNCLASSIFIED;
        Decision decision = model.decide(name, risk);
        if (decision.allowed() && frozen && !Boolean.TRUE.equals(flag(reference.getProperty(GuestCommand.ALLOWED_WHILE_FROZEN_PROPERTY)))) {
            return new Explanation(name, false, "frozen");
        }
        return new Explanation(name, decision.allowed(), decision.rule());
    }

    private static Boolean flag(Object value) {
        return value instanceof Boolean b ? b : value instanceof String s ? Boolean.valueOf(s) : Boolean.FALSE;
    }

    /** By name, the reference the engine would pick (highest ranking, then lowest id). */
    private Map<String, ServiceReference<?>> registeredCommands() {
        Map<String, ServiceReference<?>> byName = new TreeMap<>();
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences(Command.class.getName(), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (references == null) {
            return byName;
        }
        for (ServiceReference<?> reference : references) {
            if (reference.getProperty(GuestCommand.NAME_PROPERTY) instanceof String name && !name.isEmpty()) {
                byName.merge(name, reference, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return byName;
    }
}
