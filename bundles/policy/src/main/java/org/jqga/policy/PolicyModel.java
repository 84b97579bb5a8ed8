package org.jqga.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.Decision;
import org.jqga.api.policy.PathRules.Access;
import org.jqga.api.policy.PathVerdict;

/**
 * The one policy in force: the command-line lists plus what the policy file says (or that it is broken). Immutable;
 * a reload builds a new one. The order of {@link #decide} is the documented precedence (README.md):
 * <ol>
 * <li>-b blocks; an -a list refuses what it does not name (the command line is the outer fence);</li>
 * <li>a policy file that was broken at start-up refuses all but the protocol commands (fail closed);</li>
 * <li>the file's {@code block}, then its {@code allow} (by name, overrides every risk rule);</li>
 * <li>{@code deny-risk} of the command's group, then {@code allow-risk} of it;</li>
 * <li>unclassified commands are refused while any {@code deny-risk} is in force;</li>
 * <li>admin commands are refused unless -a names them (steps 3-4 cover the file);</li>
 * <li>otherwise allowed.</li>
 * </ol>
 */
final class PolicyModel {

    static final Set<String> PROTOCOL_COMMANDS = Set.of("guest-sync", "guest-sync-delimited", "guest-ping", "guest-info");

    /** More names than any agent registers: past this, decisions are made afresh rather than kept. */
    private static final int DECISIONS_KEPT = 1024;

    private final CommandLineLists lists;
    private final PolicySource source;
    /**
     * Decisions made so far, by command name: the model never changes, and a host asks for the same few commands
     * over and over (building the rule texts per request showed in a guest-ping's profile).
     */
    private final Map<String, Decided> decided = new ConcurrentHashMap<>();

    private record Decided(String risk, Decision decision) {
    }

    PolicyModel(CommandLineLists lists, PolicySource source) {
        this.lists = lists;
        this.source = source;
    }

    PolicySource source() {
        return source;
    }

    Decision decide(String command, String risk) {
        Decided known = decided.get(command);
        if (known != null && known.risk().equals(risk)) {
            return known.decision();
        }
        Decision decision = decideAfresh(command, risk);
        if (decided.size() < DECISIONS_KEPT) {
            decided.put(command, new Decided(risk, decision));
        }
        return decision;
    }

    private Decision decideAfresh(String command, String risk) {
        if (lists.blocked().contains(command)) {
            return Decision.refused(CommandLineLists.BLOCK_RULE);
        }
        if (!lists.allowed().isEmpty() && !lists.allowed().contains(command)) {
            return Decision.refused(CommandLineLists.NOT_ALLOWED_RULE);
        }
        if (source instanceof PolicySource.FailClosed failed) {
            String rule = "fail-closed: policy file " + failed.path() + " is invalid";
            return PROTOCOL_COMMANDS.contains(command) ? Decision.allowed(rule + " (protocol command kept)")
                    : Decision.refused(rule);
        }
        PolicyFile file = source.file();
        String from = source.label();
        if (file.block().contains(command)) {
            return Decision.refused(from + ": block");
        }
        if (file.allow().contains(command)) {
            return Decision.allowed(from + ": allow");
        }
        if (file.denyRisk().contains(risk)) {
            return Decision.refused(from + ": deny-risk " + risk);
        }
        if (file.allowRisk().contains(risk)) {
            return Decision.allowed(from + ": allow-risk " + risk);
        }
        if (RiskGroup.UNCLASSIFIED.equals(risk) && !file.denyRisk().isEmpty()) {
            return Decision.refused(from + ": deny-risk in force, unclassified commands refused");
        }
        if (RiskGroup.ADMIN.equals(risk)) {
            return lists.allowed().contains(command) ? Decision.allowed(CommandLineLists.ALLOW_RULE)
                    : Decision.refused("default: admin commands need allow or allow-risk admin");
        }
        return Decision.allowed(lists.allowed().isEmpty() ? "default: allowed" : CommandLineLists.ALLOW_RULE);
    }

    PathVerdict checkPath(String command, String path, Access access) {
        if (source instanceof PolicySource.FailClosed) {
            return PathVerdict.refused(path, "fail-closed");
        }
        PolicyFile.ArgumentRule rule = source.file().rules().get(command);
        if (rule == null) {
            return PathVerdict.allowed(path);
        }
        if (access == Access.EXECUTE) {
            return rule.programsUnder().isEmpty() ? PathVerdict.allowed(path)
                    : check(path, rule.programsUnder(), List.of(), access, command + ".programs-under");
        }
        if (rule.paths().isEmpty() && rule.readOnlyPaths().isEmpty()) {
            return PathVerdict.allowed(path);
        }
        return check(path, rule.paths(), rule.readOnlyPaths(), access,
                command + (rule.paths().isEmpty() ? ".read-only-paths" : ".paths"));
    }

    private static PathVerdict check(String path, List<Path> full, List<Path> readOnly, Access access, String outsideRule) {
        Path resolved;
        try {
            resolved = PathResolver.resolve(path);
        } catch (IOException | RuntimeException e) {
            return PathVerdict.refused(path, outsideRule);
        }
        String real = resolved.toString();
        if (under(resolved, full)) {
            return PathVerdict.allowed(real);
        }
        if (under(resolved, readOnly)) {
            return access == Access.READ ? PathVerdict.allowed(real)
                    : PathVerdict.refused(real, outsideRule.substring(0, outsideRule.indexOf('.')) + ".read-only-paths");
        }
        return PathVerdict.refused(real, outsideRule);
    }

    /** Component-wise: /var/log covers /var/log/x, not /var/logs. Prefixes are compared resolved, as the path is. */
    private static boolean under(Path path, List<Path> prefixes) {
        for (Path prefix : prefixes) {
            if (path.startsWith(prefix) || path.startsWith(resolvedPrefix(prefix))) {
                return true;
            }
        }
        return false;
    }

    private static Path resolvedPrefix(Path prefix) {
        try {
            return PathResolver.resolve(prefix.toString());
        } catch (IOException | RuntimeException e) {
            return prefix;
        }
    }
}
