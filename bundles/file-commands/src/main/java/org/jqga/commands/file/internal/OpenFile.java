package org.jqga.commands.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import jnr.constants.platform.Errno;
import org.jqga.api.CommandException;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;

/**
 * One guest-file handle: a non-blocking file descriptor used without stdio buffering, so there is nothing
 * to flush between reads and writes and nothing lost when the handle is dropped.
 *
 * <p>Operations on one handle are serialised; {@link #close()} waits for a running read or write, and
 * every later call sees the handle as unknown, so a descriptor number the kernel hands out again is never
 * touched through a stale handle.
 */
final class OpenFile {

    private final long handle;
    private final int fd;
    private boolean closed;

    OpenFile(long handle, int fd) {
        this.handle = handle;
        this.fd = fd;
    }

    long handle() {
        return handle;
    }

    /**
     * Reads into {@code target} up to its limit, looping like fread(3) until it is full or at end of file; its
     * position ends after the bytes read. Unlike qemu-ga, a descriptor that would block (a FIFO or device whose writer
     * is slower) ends the read with the bytes received so far instead of failing and dropping them.
     *
     * @return whether the read reached end of file
     */
    synchronized boolean read(ByteBuffer target) throws CommandException {
        ensureOpen();
        try {
            while (target.hasRemaining()) {
                if (Posix.read(fd, target) == 0) {
                    return true;
                }
            }
        } catch (PosixException e) {
            if (!e.is(Errno.EAGAIN)) {
                throw CommandException.genericError("failed to read file: " + e.strerror());
            }
        }
        return false;
    }

    /**
     * The bytes between the file position and the end of a regular file, or -1 for anything else (a FIFO, a device)
     * or when that cannot be told. The size is taken through the descriptor's /proc link: jnr-posix's fstat would load
     * all of jnr-posix for it (its classes, and C1 compiling jnr's assembler: 12 MiB of native memory for a while).
     * Files of the kernel's pseudo file systems say nothing true by their size (most of /proc says 0, /proc/kcore
     * 128 TiB, sysfs 4096), so they count as -1 too.
     */
    synchronized long bytesLeft() throws CommandException {
        ensureOpen();
        try {
            Path link = Path.of("/proc/self/fd", Integer.toString(fd));
            BasicFileAttributes status = Files.readAttributes(link, BasicFileAttributes.class);
            if (!status.isRegularFile() || !FileRegion.sizeTellsContent(Files.readSymbolicLink(link))) {
                return -1;
            }
            return Math.max(0, status.size() - Posix.lseek(fd, 0, Posix.SEEK_CUR));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The next {@code count} bytes, which {@link #bytesLeft()} has found there, as a source the reply reads while it
     * is written, with the file position moved past them as a read would: null if the descriptor is not open for
     * reading, and the caller reads instead, to report that as qemu-ga would.
     */
    synchronized FileRegion region(int count) throws CommandException {
        ensureOpen();
        try {
            long position = Posix.lseek(fd, 0, Posix.SEEK_CUR);
            if (Posix.pread(fd, ByteBuffer.allocate(1), position) != 1) {
                return null;
            }
            Posix.lseek(fd, position + count, Posix.SEEK_SET);
            return new FileRegion(this, position, count);
        } catch (PosixException e) {
            return null;
        }
    }

    /**
     * pread(2) until {@code target} is full, for a {@link FileRegion}: serialised with the handle's other operations,
     * so that a descriptor closed meanwhile (its number perhaps given to another file) is never read. Stops short,
     * leaving the rest of {@code target}, at end of file, on an error, or once the handle is closed.
     */
    synchronized void readAt(long offset, ByteBuffer target) {
        if (closed) {
            return;
        }
        int start = target.position();
        try {
            while (target.hasRemaining()) {
                if (Posix.pread(fd, target, offset + target.position() - start) == 0) {
                    return;
                }
            }
        } catch (PosixException e) {
            // what was read stays; the rest is the caller's to fill
        }
    }

    /**
     * Writes the remaining bytes of {@code source}. A descriptor that would block ends the write early with the
     * count written so far; it fails only when it took nothing.
     *
     * @return the bytes written
     */
    synchronized int write(ByteBuffer source) throws CommandException {
        ensureOpen();
        int start = source.position();
        try {
            while (source.hasRemaining()) {
                Posix.write(fd, source);
            }
        } catch (PosixException e) {
            if (!e.is(Errno.EAGAIN) || source.position() == start) {
                throw CommandException.genericError("failed to write to file: " + e.strerror());
            }
        }
        return source.position() - start;
    }

    /** lseek(2); {@code whence} is the host's SEEK_* value. */
    synchronized long seek(long offset, int whence) throws CommandException {
        ensureOpen();
        try {
            return Posix.lseek(fd, offset, whence);
        } catch (PosixException e) {
            throw CommandException.genericError("failed to seek file: " + e.strerror());
        }
    }

    /** Checks the handle is still open; writes are unbuffered, so there is nothing else to flush. */
    synchronized void flush() throws CommandException {
        ensureOpen();
    }

    /** Closes the descriptor once; later calls on this handle report it as not found. */
    synchronized void close() throws CommandException {
        ensureOpen();
        closed = true;
        try {
            Posix.close(fd);
        } catch (PosixException e) {
            throw CommandException.genericError("failed to close handle: " + e.strerror());
        }
    }

    /** Closes the descriptor if it still is open, reporting nothing: for shutdown. */
    synchronized void closeQuietly() {
        if (!closed) {
            closed = true;
            try {
                Posix.close(fd);
            } catch (PosixException e) {
                // the descriptor is released even when close reports an error; nobody is left to tell
            }
        }
    }

    private void ensureOpen() throws CommandException {
        if (closed) {
            throw FileHandleTable.notFound(handle);
        }
    }
}
