package org.jqga.engine.internal.policy;

import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.Decision;

/**
 * What the engine decides itself while no policy service is registered. Never more open than the policy bundle
 * would be:
 * <ul>
 * <li>-b/-a (framework properties org.jqga.blockRpcs/allowRpcs) always apply, with qemu-ga's meaning.</li>
 * <li>If the policy bundle (org.jqga.policy) is installed but its service is absent (stopped, starting, being
 *     updated, or failed), the policy file may forbid anything, so only the protocol commands run: guest-sync,
 *     guest-sync-delimited, guest-ping, guest-info.</li>
 * <li>If no policy bundle is installed at all, the admin's choice is "no policy file": everything -b/-a allow runs,
 *     except admin and unclassified commands, which run only when -a names them.</li>
 * </ul>
 */
public final class FallbackPolicy {

    /** Kept even when every other command is refused, so a host can still synchronise and see what is enabled. */
    public static final Set<String> PROTOCOL_COMMANDS = Set.of("guest-sync", "guest-sync-delimited", "guest-ping", "guest-info");

    static final String BLOCK_RULE = "block-rpcs (command line/config file)";
    static final String ALLOW_RULE = "allow-rpcs (command line/config file)";
    static final String NOT_ALLOWED_RULE = "allow-rpcs (command line/config file): not listed";

    private final CommandPolicy lists;
    private final BooleanSupplier policyBundleInstalled;

    public FallbackPolicy(CommandPolicy lists, BooleanSupplier policyBundleInstalled) {
        this.lists = lists;
        this.policyBundleInstalled = policyBundleInstalled;
    }

    Decision decide(String command, String risk) {
        Decision byLists = byLists(command);
        if (byLists != null) {
            return byLists;
        }
        if (policyBundleInstalled.getAsBoolean()) {
            return whilePolicyUnavailable(command, "policy service unavailable");
        }
        if (RiskGroup.ADMIN.equals(risk) || RiskGroup.UNCLASSIFIED.equals(risk)) {
            return lists.allowed().contains(command) ? Decision.allowed(ALLOW_RULE)
                    : Decision.refused("engine default (no policy bundle): " + risk + " commands need allow-rpcs");
        }
        return Decision.allowed(lists.allowed().isEmpty() ? "default: allowed" : ALLOW_RULE);
    }

    /** The strict mode: -b/-a, then protocol commands only. */
    Decision whilePolicyUnavailable(String command, String why) {
        Decision byLists = byLists(command);
        if (byLists != null) {
            return byLists;
        }
        return PROTOCOL_COMMANDS.contains(command) ? Decision.allowed("engine fallback (" + why + "): protocol command")
                : Decision.refused("engine fallback (" + why + ")");
    }

    private Decision byLists(String command) {
        if (lists.blocked().contains(command)) {
            return Decision.refused(BLOCK_RULE);
        }
        if (!lists.allowed().isEmpty() && !lists.allowed().contains(command)) {
            return Decision.refused(NOT_ALLOWED_RULE);
        }
        return null;
    }
}
