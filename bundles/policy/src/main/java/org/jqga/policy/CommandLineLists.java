package org.jqga.policy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * -b/-a as the launcher passes them (framework properties org.jqga.blockRpcs, org.jqga.allowRpcs), the config
 * file's block-rpcs/allow-rpcs already merged in. They are the outer fence: the policy file can narrow them, never
 * widen them.
 */
record CommandLineLists(Set<String> blocked, Set<String> allowed) {

    static final String BLOCK_RULE = "block-rpcs (command line/config file)";
    static final String ALLOW_RULE = "allow-rpcs (command line/config file)";
    static final String NOT_ALLOWED_RULE = "allow-rpcs (command line/config file): not listed";

    static CommandLineLists of(String blockList, String allowList) {
        return new CommandLineLists(split(blockList), split(allowList));
    }

    private static Set<String> split(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
