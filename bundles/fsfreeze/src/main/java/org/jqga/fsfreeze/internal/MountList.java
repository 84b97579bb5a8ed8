package org.jqga.fsfreeze.internal;

import java.util.List;

/** The mount table as read at one moment: the filesystems to act on, in table order, and what was left out. */
record MountList(List<Mount> mounts, List<SkippedMount> skipped) {

    MountList {
        mounts = List.copyOf(mounts);
        skipped = List.copyOf(skipped);
    }
}
