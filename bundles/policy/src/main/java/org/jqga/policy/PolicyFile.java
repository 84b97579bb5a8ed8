package org.jqga.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A policy file's content, checked: see README.md of this module for the format. */
record PolicyFile(Set<String> block, Set<String> allow, Set<String> denyRisk, Set<String> allowRisk,
                  Map<String, ArgumentRule> rules) {

    static final PolicyFile EMPTY = new PolicyFile(Set.of(), Set.of(), Set.of(), Set.of(), Map.of());

    /**
     * One command's argument rules; every list holds absolute, normalised directory prefixes.
     *
     * @param paths         file paths the command may use, for reading and writing
     * @param readOnlyPaths file paths it may use only for reading
     * @param programsUnder programs it may run
     */
    record ArgumentRule(List<Path> paths, List<Path> readOnlyPaths, List<Path> programsUnder) {
    }
}
