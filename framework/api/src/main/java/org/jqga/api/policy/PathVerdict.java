package org.jqga.api.policy;

/**
 * The answer of {@link PathRules}: allowed or not, the path to use, and which rule decided.
 *
 * @param resolvedPath the absolute path with {@code ..} and symbolic links resolved; the command opens or runs
 *                     this one, so a link changed after the check cannot lead elsewhere; the given path itself when
 *                     no rule applies to the command
 * @param rule         the refusing rule as {@code <command>.<member>}, e.g. {@code guest-file-open.paths}; null when
 *                     allowed
 */
public record PathVerdict(boolean allowed, String resolvedPath, String rule) {

    public static PathVerdict allowed(String resolvedPath) {
        return new PathVerdict(true, resolvedPath, null);
    }

    public static PathVerdict refused(String resolvedPath, String rule) {
        return new PathVerdict(false, resolvedPath, rule);
    }
}
