package org.jqga.api;

/**
 * Registered as a service exactly while the agent holds filesystems frozen (by the bundle that
 * froze them). Whatever could write to disk tracks it: the engine refuses every command not
 * declared {@link GuestCommand#allowedWhileFrozen()}, and log, state and bundle writers hold their
 * writes until it goes away, since a write to a frozen filesystem blocks until thaw.
 */
public interface FrozenFilesystems {

    /**
     * qemu-ga's marker in the state directory, there while filesystems are frozen: a bundle that starts before the
     * freezing bundle has registered this service (an agent restarted during a freeze) checks it with a stat,
     * which a frozen filesystem answers.
     */
    String MARKER_FILE = "qga.state.isfrozen";
}
