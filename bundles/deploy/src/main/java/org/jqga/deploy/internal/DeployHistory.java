package org.jqga.deploy.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Which version of each deploy-folder file is live and which came before it, for rollback. A change back to the
 * version just before (a rollback, whether by the vendor command or by an admin copying the old jar back) pops the
 * history instead of growing it, so rolling back twice goes two versions back rather than toggling. Held in memory:
 * after a restart the history starts afresh from the versions in the folder.
 */
final class DeployHistory {

    private final int depth;
    private final Map<String, BundleFile> live = new HashMap<>();
    private final Map<String, Deque<BundleFile>> previous = new HashMap<>();

    DeployHistory(int depth) {
        this.depth = depth;
    }

    synchronized void applied(BundleFile version) {
        String file = version.fileName();
        BundleFile before = live.put(file, version);
        Deque<BundleFile> older = previous.computeIfAbsent(file, f -> new ArrayDeque<>());
        if (!older.isEmpty() && older.peekFirst().digest().equals(version.digest())) {
            older.removeFirst();
            return;
        }
        if (before != null && !before.digest().equals(version.digest())) {
            older.addFirst(before);
            while (older.size() > depth) {
                older.removeLast();
            }
        }
    }

    /** The file is gone: its last version becomes the one a rollback restores. */
    synchronized void removed(String file) {
        BundleFile before = live.remove(file);
        if (before != null) {
            Deque<BundleFile> older = previous.computeIfAbsent(file, f -> new ArrayDeque<>());
            older.addFirst(before);
            while (older.size() > depth) {
                older.removeLast();
            }
        }
    }

    synchronized BundleFile live(String file) {
        return live.get(file);
    }

    /** What a rollback of this file would restore, or null. */
    synchronized BundleFile previous(String file) {
        Deque<BundleFile> older = previous.get(file);
        return older == null ? null : older.peekFirst();
    }

    /** The deploy-folder file that holds the bundle with this symbolic name now, or null. */
    synchronized String fileOf(String symbolicName) {
        for (BundleFile version : live.values()) {
            if (version.symbolicName().equals(symbolicName)) {
                return version.fileName();
            }
        }
        for (Map.Entry<String, Deque<BundleFile>> entry : previous.entrySet()) {
            if (!entry.getValue().isEmpty() && entry.getValue().peekFirst().symbolicName().equals(symbolicName)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
