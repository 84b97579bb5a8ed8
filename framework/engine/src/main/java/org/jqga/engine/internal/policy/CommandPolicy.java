package org.jqga.engine.internal.policy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * qemu-ga's block and allow lists: with an allow list only listed commands run, and the block list
 * wins over it. Names that match no command are ignored, as qemu-ga ignores them.
 */
public record CommandPolicy(Set<String> blocked, Set<String> allowed) {

    public static final CommandPolicy OPEN = new CommandPolicy(Set.of(), Set.of());

    /** From comma-separated lists as the launcher passes them (either may be null or empty). */
    public static CommandPolicy fromLists(String blockList, String allowList) {
        return new CommandPolicy(split(blockList), split(allowList));
    }

    public boolean allows(String command) {
        if (!allowed.isEmpty() && !allowed.contains(command)) {
            return false;
        }
        return !blocked.contains(command);
    }

    private static Set<String> split(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
