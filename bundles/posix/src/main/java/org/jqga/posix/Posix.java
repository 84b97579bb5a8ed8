package org.jqga.posix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.jqga.posix.internal.LibC;

/**
 * Native POSIX access for command bundles: the shared jnr-posix instance and the few libc calls the agent's
 * file, fsfreeze and trim commands make directly.
 *
 * <p>Nothing native is loaded until the first call: binding libc costs 0.3-1.4 s of class generation, which
 * must not sit on the agent's start-up path. Every call that fails throws {@link PosixException} with the
 * errno and its strerror text; none of them retries except on EINTR where noted.
 */
public final class Posix {

    /** {@code whence} values for {@link #lseek}; Linux uses these numbers on every architecture. */
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    private Posix() {
    }

    /** The process-wide jnr-posix instance (native, not the pure-Java fallback), created on first use. */
    public static POSIX jnr() {
        return JnrPosixHolder.POSIX;
    }

    /**
     * open(2) with the path as UTF-8 bytes. {@code flags} are {@link OpenFlags} values or-ed together.
     *
     * @return the new file descriptor
     */
    public static int open(String path, int flags, int mode) throws PosixException {
        byte[] encoded = path.getBytes(StandardCharsets.UTF_8);
        byte[] cString = new byte[encoded.length + 1];
        System.arraycopy(encoded, 0, cString, 0, encoded.length);
        int fd;
        do {
            fd = libc().open(cString, flags, mode);
        } while (fd < 0 && lastErrno() == Errno.EINTR.intValue());
        return check(fd);
    }

    /**
     * open(2) the way the agent opens guest files: never blocking on FIFOs or devices, never acquiring a
     * controlling terminal, and not inherited by programs the agent runs.
     */
    public static int openNonBlocking(String path, int flags, int mode) throws PosixException {
        return open(path, flags | OpenFlags.O_NONBLOCK.intValue() | OpenFlags.O_NOCTTY.intValue()
                | OpenFlags.O_CLOEXEC.intValue(), mode);
    }

    public static void fchmod(int fd, int mode) throws PosixException {
        check(libc().fchmod(fd, mode));
    }

    /**
     * One read(2) into {@code target} from its position up to its limit, retried on EINTR; the position
     * advances by the bytes read. Works on heap and direct buffers.
     *
     * @return bytes read, 0 at end of file (or when {@code target} has no room)
     * @throws PosixException with EAGAIN when a non-blocking fd has nothing to read yet
     */
    public static int read(int fd, ByteBuffer target) throws PosixException {
        if (!target.hasRemaining()) {
            return 0;
        }
        long n;
        do {
            n = libc().read(fd, target, target.remaining());
        } while (n < 0 && lastErrno() == Errno.EINTR.intValue());
        int count = (int) check(n);
        target.position(target.position() + count);
        return count;
    }

    /**
     * One write(2) from {@code source}'s position up to its limit, retried on EINTR; the position advances by
     * the bytes written, which may be fewer than remaining.
     */
    public static int write(int fd, ByteBuffer source) throws PosixException {
        if (!source.hasRemaining()) {
            return 0;
        }
        long n;
        do {
            n = libc().write(fd, source, source.remaining());
        } while (n < 0 && lastErrno() == Errno.EINTR.intValue());
        int count = (int) check(n);
        source.position(source.position() + count);
        return count;
    }

    /** lseek(2) with {@link #SEEK_SET}, {@link #SEEK_CUR} or {@link #SEEK_END}; returns the new offset. */
    public static long lseek(int fd, long offset, int whence) throws PosixException {
        return check(libc().lseek(fd, offset, whence));
    }

    public static void fsync(int fd) throws PosixException {
        check(libc().fsync(fd));
    }

    /** close(2), never retried: on Linux the descriptor is gone even when close reports EINTR. */
    public static void close(int fd) throws PosixException {
        check(libc().close(fd));
    }

    /** ioctl(2) with an integer argument (or none: pass 0), e.g. FIFREEZE / FITHAW. */
    public static int ioctl(int fd, long request, long argument) throws PosixException {
        return check(libc().ioctl(fd, request, argument));
    }

    /**
     * ioctl(2) with a pointer to a struct the kernel reads and may update, e.g. FITRIM's
     * {@code struct fstrim_range}: lay the struct out in {@code argument} (native byte order) from its
     * position; the kernel's updates are visible in it afterwards.
     */
    public static int ioctl(int fd, long request, ByteBuffer argument) throws PosixException {
        return check(libc().ioctl(fd, request, argument));
    }

    /** strerror(3): the C library's text for an errno, as qemu-ga puts it into its error messages. */
    public static String strerror(int errno) {
        return libc().strerror(errno);
    }

    private static LibC libc() {
        return LibCHolder.LIBC;
    }

    private static int lastErrno() {
        return LibCHolder.RUNTIME.getLastError();
    }

    private static int check(int result) throws PosixException {
        if (result < 0) {
            throw failure();
        }
        return result;
    }

    private static long check(long result) throws PosixException {
        if (result < 0) {
            throw failure();
        }
        return result;
    }

    private static PosixException failure() {
        int errno = lastErrno();
        return new PosixException(errno, strerror(errno));
    }

    /** Lazy holder: binding libc happens when the class is first initialised, i.e. on the first call. */
    private static final class LibCHolder {
        static final LibC LIBC = LibraryLoader.create(LibC.class)
                .load(Platform.getNativePlatform().getStandardCLibraryName());
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private static final class JnrPosixHolder {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }
}
