package org.jqga.fsfreeze.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.constants.platform.OpenFlags;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;

/** {@link Filesystems} through the posix bundle: the ioctls qemu-ga issues, with the same numbers. */
final class KernelFilesystems implements Filesystems {

    /** _IOWR('X', 119, int). */
    static final long FIFREEZE = 0xC0045877L;
    /** _IOWR('X', 120, int). */
    static final long FITHAW = 0xC0045878L;
    /** _IOWR('X', 121, struct fstrim_range), the struct being three __u64: start, len, minlen. */
    static final long FITRIM = 0xC0185879L;
    static final int FSTRIM_RANGE_SIZE = 24;

    @Override
    public void prepare() {
        Posix.strerror(0);
    }

    @Override
    public OpenMount open(String mountPoint) throws PosixException {
        // non-blocking: a mount point can be a bind-mounted FIFO or device node, whose open must not hang
        return new KernelMount(Posix.openNonBlocking(mountPoint, OpenFlags.O_RDONLY.intValue(), 0));
    }

    private record KernelMount(int fd) implements OpenMount {

        @Override
        public void freeze() throws PosixException {
            Posix.ioctl(fd, FIFREEZE, 0L);
        }

        @Override
        public void thaw() throws PosixException {
            Posix.ioctl(fd, FITHAW, 0L);
        }

        @Override
        public Trimmed trim(long minimum) throws PosixException {
            ByteBuffer range = ByteBuffer.allocateDirect(FSTRIM_RANGE_SIZE).order(ByteOrder.nativeOrder());
            range.putLong(0, 0L);
            range.putLong(8, -1L);
            range.putLong(16, minimum);
            Posix.ioctl(fd, FITRIM, range);
            return new Trimmed(range.getLong(8), range.getLong(16));
        }

        @Override
        public void close() {
            try {
                Posix.close(fd);
            } catch (PosixException e) {
                // the descriptor is released anyway and nothing was written through it
            }
        }
    }
}
