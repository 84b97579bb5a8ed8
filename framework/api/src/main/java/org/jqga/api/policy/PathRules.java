package org.jqga.api.policy;

/**
 * The policy's rules on path arguments, asked by a command before it touches the path. The path is
 * resolved first (absolute, {@code ..} and symbolic links of its existing part resolved), so the
 * command must then use {@link PathVerdict#resolvedPath()}, not the path it was given.
 *
 * <p>The service is optional: a command that finds no PathRules service applies no path rule.
 */
@FunctionalInterface
public interface PathRules {

    /** What the command will do with the path. */
    enum Access {
        /** Open for reading only. */
        READ,
        /** Open for writing, appending or creating. */
        WRITE,
        /** Run as a program. */
        EXECUTE
    }

    /**
     * @param command the wire name of the asking command, which selects the rule (e.g. guest-file-open)
     * @param path    the path as the host gave it (for EXECUTE: the program file after any PATH search)
     */
    PathVerdict check(String command, String path, Access access);
}
