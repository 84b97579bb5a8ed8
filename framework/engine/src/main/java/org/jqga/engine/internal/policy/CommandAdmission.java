package org.jqga.engine.internal.policy;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.Set;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.AdmissionPolicy;
import org.jqga.api.policy.Decision;
import org.jqga.api.transport.SessionOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a command may run now, which rule decided, and qemu-ga 7.2's text when it may not.
 *
 * <p>The policy comes first: the policy bundle's {@link AdmissionPolicy} service when there is one, else the
 * engine's {@link FallbackPolicy}, so the agent never runs open while the policy bundle is stopped or being
 * updated. A command the policy refuses answers "Command X has been disabled" (7.2: no reason). Then the
 * frozen state, which lets through only the commands that declare they are safe while filesystems are frozen
 * (a blocked command stays blocked while frozen, as in 7.2).
 *
 * <p>A {@link SessionOrigin#LOCAL_ADMIN} session (the root-only admin socket) runs the commands of risk groups
 * admin and info whatever the host policy says, -b/-a included: those lists fence in the host, and whoever can open
 * the admin socket is root in the guest already, so refusing would protect nothing. That also keeps the deploy
 * commands reachable while the policy bundle is absent or broken, which is when an administrator needs them. Every
 * other group is decided for the admin as for the host, and frozen state applies to both.
 */
public final class CommandAdmission {

    /** The rule named when frozen state refuses a command. */
    public static final String FROZEN_RULE = "frozen";

    /** The rule named when an admin session runs a command the host policy may refuse. */
    public static final String ADMIN_SESSION_RULE = "admin socket (local root): admin and info commands";

    private static final Set<String> ADMIN_SESSION_GROUPS = Set.of(RiskGroup.ADMIN, RiskGroup.INFO);

    private static final Logger LOG = LoggerFactory.getLogger(CommandAdmission.class);

    private final Supplier<AdmissionPolicy> policy;
    private final FallbackPolicy fallback;
    private final BooleanSupplier frozen;

    /**
     * @param policy   the policy service now, or null
     * @param fallback what applies while there is none
     */
    public CommandAdmission(Supplier<AdmissionPolicy> policy, FallbackPolicy fallback, BooleanSupplier frozen) {
        this.policy = policy;
        this.fallback = fallback;
        this.frozen = frozen;
    }

    /** The engine without a policy service: the command-line lists only, as before the policy bundle existed. */
    public CommandAdmission(CommandPolicy lists, BooleanSupplier frozen) {
        this(() -> null, new FallbackPolicy(lists, () -> false), frozen);
    }

    /** The verdict on {@code command} now, for the host. */
    public Verdict decide(String command, String risk, boolean allowedWhileFrozen) {
        return decide(command, risk, allowedWhileFrozen, SessionOrigin.HOST);
    }

    /** The verdict on {@code command} now, for a client of {@code origin}. */
    public Verdict decide(String command, String risk, boolean allowedWhileFrozen, SessionOrigin origin) {
        Decision decision = origin == SessionOrigin.LOCAL_ADMIN && ADMIN_SESSION_GROUPS.contains(risk)
                ? Decision.allowed(ADMIN_SESSION_RULE) : policyDecision(command, risk);
        if (!decision.allowed()) {
            return new Verdict(false, decision.rule(), "Command " + command + " has been disabled");
        }
        if (!allowedWhileFrozen && frozen.getAsBoolean()) {
            return new Verdict(false, FROZEN_RULE, "Command " + command + " has been disabled: the agent is in frozen state");
        }
        return new Verdict(true, decision.rule(), null);
    }

    /** Null if {@code command} may run now, else the desc of its CommandNotFound error. */
    public String refusal(String command, String risk, boolean allowedWhileFrozen) {
        return decide(command, risk, allowedWhileFrozen).refusal();
    }

    private Decision policyDecision(String command, String risk) {
        AdmissionPolicy service = policy.get();
        if (service == null) {
            return fallback.decide(command, risk);
        }
        try {
            Decision decision = service.decide(command, risk);
            if (decision != null) {
                return decision;
            }
            LOG.error("the policy service gave no decision on {}; refusing it", command);
        } catch (RuntimeException e) {
            LOG.error("the policy service failed on {}; refusing it", command, e);
        }
        return fallback.whilePolicyUnavailable(command, "policy service failed");
    }

    /**
     * @param refusal null when allowed, else the desc of the CommandNotFound error
     */
    public record Verdict(boolean allowed, String rule, String refusal) {
    }
}
