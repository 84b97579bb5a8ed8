package org.jqga.fsfreeze.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.CommandException;
import org.jqga.posix.PosixException;
import org.jqga.posix.mounts.MountTable;

/**
 * The hard guard of the real-kernel tests: wraps the kernel and refuses (AssertionError, before any
 * open(2)) every path that is not under the test's own directory, and every existing path there that the
 * live mount table does not show as a mount point on a loop device (major 7). So a FIFREEZE can only ever
 * reach a loop-mounted image the test made; a directory that merely lies on the root filesystem cannot
 * be opened, or freezing it would freeze the root filesystem.
 */
final class TestOnlyFilesystems implements Filesystems {

    private static final int LOOP_MAJOR = 7;

    private final Filesystems kernel;
    private final Path root;

    TestOnlyFilesystems(Filesystems kernel, Path root) {
        this.kernel = kernel;
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void prepare() {
        kernel.prepare();
    }

    @Override
    public OpenMount open(String mountPoint) throws PosixException {
        check(mountPoint);
        return kernel.open(mountPoint);
    }

    void check(String mountPoint) {
        Path path = Path.of(mountPoint);
        if (!path.isAbsolute() || mountPoint.contains("..") || !path.normalize().startsWith(root)
                || path.normalize().equals(root)) {
            throw new AssertionError("test guard: refusing to touch " + mountPoint + " (outside " + root + ")");
        }
        if (!Files.exists(path)) {
            return; // open(2) fails with ENOENT, which some tests want
        }
        try {
            if (!path.toRealPath().startsWith(root.toRealPath())) {
                throw new AssertionError("test guard: " + mountPoint + " resolves outside " + root);
            }
            boolean loopMount = MountTable.ofThisProcess().read().mounts().stream()
                    .anyMatch(m -> m.mountPoint().equals(mountPoint) && m.major() == LOOP_MAJOR);
            if (!loopMount) {
                throw new AssertionError("test guard: " + mountPoint + " is not a loop mount of this test");
            }
        } catch (IOException e) {
            throw new AssertionError("test guard: cannot check " + mountPoint + ": " + e, e);
        }
    }
}
