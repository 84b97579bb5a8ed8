package org.jqga.fsfreeze.internal;

import org.jqga.posix.PosixException;

/**
 * The kernel side of freeze, thaw and trim: a mount point opened read-only and the three ioctls on it.
 * An interface so that tests can wrap the real one in a guard that refuses every path they did not mount.
 */
interface Filesystems {

    /** Loads the native binding now, so nothing has to be loaded (or extracted to disk) while frozen. */
    void prepare();

    /** open(2) of the mount point, O_RDONLY. */
    OpenMount open(String mountPoint) throws PosixException;

    interface OpenMount extends AutoCloseable {

        /** FIFREEZE. */
        void freeze() throws PosixException;

        /** FITHAW; fails (EINVAL) when the filesystem is not frozen. */
        void thaw() throws PosixException;

        /** FITRIM over the whole filesystem with the given minimum extent length. */
        Trimmed trim(long minimum) throws PosixException;

        @Override
        void close();
    }

    /** What FITRIM wrote back: bytes trimmed and the minimum extent the kernel actually used. */
    record Trimmed(long trimmed, long minimum) {
    }
}
