package org.jqga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Start-up with the frozen marker ({@code <statedir>/qga.state.isfrozen}) present: a previous agent may have died
 * with filesystems frozen, the state directory's among them, and there even creating a file sleeps until thaw. So
 * nothing may be created in the state directory: the log file and pid file wait for thaw (as in qemu-ga), and
 * Felix's bundle cache, which Felix rewrites at every start, goes to a scratch directory on memory-backed storage
 * instead of {@code <statedir>/jqga/felix-cache}. Checking for the marker is a stat, which a frozen filesystem
 * answers.
 */
final class FrozenStart {

    /** qemu-ga's marker name, shared with the fsfreeze bundle. */
    static final String MARKER = "qga.state.isfrozen";
    /** Set by bin/jqga to a directory on a tmpfs, owned by the agent's user. */
    static final String RUNTIME_DIR_PROPERTY = "jqga.runtime.dir";

    private FrozenStart() {
    }

    static boolean markerPresent(Path statedir) {
        return Files.exists(statedir.resolve(MARKER));
    }

    /**
     * Felix's cache in a fresh directory (delete its parent when done: the launcher keeps files beside the cache):
     * under {@value #RUNTIME_DIR_PROPERTY}, else under /dev/shm (a tmpfs on any Linux), else under java.io.tmpdir
     * as a last resort.
     */
    static Path scratchFelixCache() throws StartupException {
        String runtime = System.getProperty(RUNTIME_DIR_PROPERTY);
        String[] candidates = {runtime, "/dev/shm", System.getProperty("java.io.tmpdir")};
        IOException last = null;
        for (String candidate : candidates) {
            if (candidate == null || candidate.isBlank() || !Files.isDirectory(Path.of(candidate))
                    || !Files.isWritable(Path.of(candidate))) {
                continue;
            }
            try {
                return Files.createTempDirectory(Path.of(candidate), "jqga-scratch-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                        .resolve("felix-cache");
            } catch (IOException e) {
                last = e;
            }
        }
        throw new StartupException("found no directory for a scratch bundle cache"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }
}
