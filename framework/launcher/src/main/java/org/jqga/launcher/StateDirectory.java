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

/**
 * jqga's own corner of the state directory: {@code <statedir>/jqga}, holding the Felix bundle cache, which is kept
 * from one start to the next. Two agents on one state directory would destroy each other's cache; a lock file
 * makes the second one refuse to start instead.
 */
final class StateDirectory implements AutoCloseable {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path base;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path base, FileChannel lockChannel, FileLock lock) {
        this.base = base;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static StateDirectory claim(Path statedir) throws StartupException {
        Path base = statedir.resolve("jqga");
        try {
            createOwnerOnly(base);
            createOwnerOnly(base.resolve("felix-cache"));
        } catch (IOException e) {
            throw new StartupException("cannot create " + base + ": " + PidFile.reason(e), e);
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
