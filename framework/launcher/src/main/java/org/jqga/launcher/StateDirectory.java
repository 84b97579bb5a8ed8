package org.jqga.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;

/**
 * jqga's own corner of the state directory: {@code <statedir>/jqga}, holding the Felix bundle cache, which is kept
 * from one start to the next. Two agents on one state directory would destroy each other's cache; a lock file
 * makes the second one refuse to start instead.
 */
final class StateDirectory implements AutoCloseable {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Room for Felix's own records and qemu-ga's state file beside a complete cache. */
    private static final long MARGIN_BYTES = 1 << 20;

    private final Path base;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path base, FileChannel lockChannel, FileLock lock) {
        this.base = base;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * @param bundleBytes what a fresh bundle cache takes (the bundles' size), to tell a full disk in advance
     * @return null when the state directory cannot hold jqga's corner (read-only, full, not a directory): the caller
     *         then serves with a scratch bundle cache, as qemu-ga's state-keeping commands fail but the rest is useful
     * @throws StartupException when another instance holds the state directory
     */
    static StateDirectory claim(Path statedir, long bundleBytes, Logger log) throws StartupException {
        Path base = statedir.resolve("jqga");
        String unusable;
        try {
            createOwnerOnly(base);
            Path cache = base.resolve("felix-cache");
            boolean fresh = !Files.isDirectory(cache);
            createOwnerOnly(cache);
            long needed = (fresh ? bundleBytes : 0) + MARGIN_BYTES;
            long usable = Files.getFileStore(cache).getUsableSpace();
            unusable = usable < needed ? "only " + usable + " bytes free, " + needed + " needed" : null;
        } catch (IOException e) {
            unusable = PidFile.reason(e);
        }
        if (unusable != null) {
            // qemu-ga refuses to start here ("failed to load persistent state"); a host loses every command then,
            // when only the few that keep state (guest-file-open, fsfreeze's marker) need the directory
            log.error("the state directory {} is unusable ({}): serving with a temporary bundle cache; commands that "
                    + "keep state will fail until it is repaired", statedir, unusable);
            return null;
        }
        Path lockFile = base.resolve("instance.lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StartupException("another jqga instance is using the state directory " + statedir);
            }
            return new StateDirectory(base, channel, lock);
        } catch (IOException e) {
            throw new StartupException("cannot lock " + lockFile + ": " + PidFile.reason(e), e);
        }
    }

    private static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    Path felixCache() {
        return base.resolve("felix-cache");
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // exiting anyway
        }
    }
}
