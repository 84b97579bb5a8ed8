package org.jqga.launcher;

/**
 * Where the agent's pid file goes once it has one: at start-up normally, only after thaw when the agent starts
 * frozen (the pid file may live on a frozen filesystem). Removing empties the slot for good, so a pid file that
 * arrives after the agent began to exit is removed at once.
 */
final class PidFileSlot {

    private PidFile file;
    private boolean removed;

    synchronized void fill(PidFile pidFile) {
        if (removed) {
            pidFile.remove();
        } else {
            file = pidFile;
        }
    }

    synchronized void remove() {
        removed = true;
        if (file != null) {
            file.remove();
        }
    }
}
