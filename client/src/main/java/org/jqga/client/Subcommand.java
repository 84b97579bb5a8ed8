package org.jqga.client;

/** What jqga-client can do, with the operands each one takes. */
enum Subcommand {
    PING("ping", 0, 0, "check that the agent answers"),
    INFO("info", 0, 0, "agent version and its commands"),
    CAT("cat", 1, 1, "print a file of the guest: cat GUEST-PATH"),
    EXEC("exec", 1, Integer.MAX_VALUE, "run a program in the guest, wait, print its output: exec PROGRAM [ARG...]"),
    FSFREEZE_STATUS("fsfreeze-status", 0, 0, "whether the guest's filesystems are frozen"),
    POLICY_EXPLAIN("policy-explain", 0, 1, "why each command is allowed or not: policy-explain [COMMAND]"),
    BUNDLE_LIST("bundle-list", 0, 0, "the agent's OSGi bundles and the commands they provide"),
    BUNDLE_INSTALL("bundle-install", 1, 2, "deploy a new command bundle: bundle-install JAR [SIGNATURE-FILE]"),
    BUNDLE_UPDATE("bundle-update", 1, 2, "replace a deployed bundle, keeping the old one: bundle-update JAR [SIGNATURE-FILE]"),
    BUNDLE_ROLLBACK("bundle-rollback", 1, 1, "put back a deployed bundle's previous version: bundle-rollback SYMBOLIC-NAME"),
    BUNDLE_REMOVE("bundle-remove", 1, 1, "remove a deployed bundle: bundle-remove SYMBOLIC-NAME"),
    RAW("raw", 1, 1, "send one JSON request as it is and print the reply: raw JSON");

    final String word;
    final int minOperands;
    final int maxOperands;
    final String help;

    Subcommand(String word, int minOperands, int maxOperands, String help) {
        this.word = word;
        this.minOperands = minOperands;
        this.maxOperands = maxOperands;
        this.help = help;
    }

    static Subcommand named(String word) {
        for (Subcommand subcommand : values()) {
            if (subcommand.word.equals(word)) {
                return subcommand;
            }
        }
        return null;
    }
}
