package org.jqga.fsfreeze.internal;

import java.time.Instant;
import java.util.List;

/**
 * The agent's own account of its last freeze, since the kernel offers no way to ask whether a filesystem is
 * frozen (FIFREEZE/FITHAW would change the answer; nothing in /proc or /sys shows it).
 */
record FreezeRecord(Instant at, List<MountOutcome> outcomes) {

    FreezeRecord {
        outcomes = List.copyOf(outcomes);
    }

    MountOutcome outcomeOf(String mountPoint) {
        for (MountOutcome outcome : outcomes) {
            if (outcome.mountPoint().equals(mountPoint)) {
                return outcome;
            }
        }
        return null;
    }
}
