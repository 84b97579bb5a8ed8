package org.jqga.api.policy;

/**
 * Whether a command may run, and which rule decided, in words an administrator recognises, e.g.
 * {@code "block-rpcs (command line/config file)"} or {@code "policy file /etc/qemu/jqga-policy.json: deny-risk exec"}.
 */
public record Decision(boolean allowed, String rule) {

    public static Decision allowed(String rule) {
        return new Decision(true, rule);
    }

    public static Decision refused(String rule) {
        return new Decision(false, rule);
    }
}
