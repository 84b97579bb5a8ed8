package org.jqga.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The pid file, held under an fcntl lock for the life of the process (the same kind of lock qemu-ga's lockf
 * takes), so a second instance with the same pid file refuses to start. Removed when the agent exits.
 */
final class PidFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean removed;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    static PidFile acquire(Path path) throws StartupException {
        return acquire(path, ProcessHandle.current().pid());
    }

    static PidFile acquire(Path path, long pid) throws StartupException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new StartupException("failed to create pidfile: cannot open " + path + ": " + reason(e), e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StartupException("failed to create pidfile: " + path
                        + " is locked by another running instance" + holder(path));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
            return new PidFile(path, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("failed to create pidfile: cannot write " + path + ": " + reason(e), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM: just as taken
        }
    }

    private static String holder(Path path) {
        try {
            String content = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return content.isEmpty() ? "" : " (pid " + content + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the file, then drops the lock; safe to call twice and from a shutdown hook. */
    synchronized void remove() {
        if (removed) {
            return;
        }
        removed = true;
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing sensible left to do while exiting
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    @Override
    public void close() {
        remove();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already failing or exiting
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}
