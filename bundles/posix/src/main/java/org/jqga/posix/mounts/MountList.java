package org.jqga.posix.mounts;

import java.util.List;

/** The mount table as read at one moment: the filesystems to act on, in table order, and what was left out. */
public record MountList(List<Mount> mounts, List<SkippedMount> skipped) {

    public MountList {
        mounts = List.copyOf(mounts);
        skipped = List.copyOf(skipped);
    }
}
