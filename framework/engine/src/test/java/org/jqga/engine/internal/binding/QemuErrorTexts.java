package org.jqga.engine.internal.binding;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The error texts the spec's catalogue allows (§2.3, §4.2, §4.3), as patterns, for the fuzz tests' oracles:
 * a desc outside these is a reply the spec does not allow. Names and values taken from the request may hold any
 * character, hence DOTALL; so may a bad Unicode escape, which qemu quotes as far as its cursor went.
 */
public final class QemuErrorTexts {

    /** What the argument binder may answer (step 7), whatever the record. */
    public static final List<Pattern> BINDING = patterns(
            "Parameter '.*' is missing",
            "Parameter '.*' is unexpected",
            "Invalid parameter type for '.*', expected: (integer|string|boolean|number|object|array|null)",
            "Parameter '.*' does not accept value '.*'",
            "Parameter '.*' expects u?int(8|16|32|64)_t");

    /** Parser and envelope errors (steps 1 to 4): never an id, except for envelope member errors. */
    public static final List<Pattern> PARSING = patterns(
            "JSON parse error, (expecting value|premature EOI|key is not a string in object|missing : in object pair"
                    + "|Missing value in dict|duplicate key|expected separator in dict|expected separator in list"
                    + "|invalid escape sequence in string|invalid UTF-8 sequence in string"
                    + "|\\\\u.{0,10} is not a valid Unicode character|invalid keyword '[a-z]*'?|stray '.*)",
            "JSON (token size|token count|nesting depth) limit exceeded",
            "QMP input must be a JSON object");

    public static final List<Pattern> ENVELOPE = patterns(
            "QMP input member 'execute' must be a string",
            "QMP input member 'arguments' must be an object",
            "QMP input member '.*' is unexpected",
            "QMP input lacks member 'execute'");

    /** Steps 5 and 6, the only texts of class CommandNotFound. */
    public static final List<Pattern> NOT_FOUND = patterns(
            "The command .* has not been found",
            "Command .* has been disabled(: .*)?");

    private QemuErrorTexts() {
    }

    public static boolean matchesAny(List<Pattern> patterns, String desc) {
        return patterns.stream().anyMatch(p -> p.matcher(desc).matches());
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, Pattern.DOTALL)).toList();
    }
}
