package org.jqga.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.PointerByReference;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.jqga.posix.internal.LibC;
import org.jqga.posix.internal.NativeChunks;

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
        byte[] cString = cString(path);
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
     * advances by the bytes read. Works on heap and direct buffers; a large heap buffer takes at most
     * {@link NativeChunks#CHUNK} bytes per call, as read(2) may return fewer bytes than asked anyway.
     *
     * @return bytes read, 0 at end of file (or when {@code target} has no room)
     * @throws PosixException with EAGAIN when a non-blocking fd has nothing to read yet
     */
    public static int read(int fd, ByteBuffer target) throws PosixException {
        if (!target.hasRemaining()) {
            return 0;
        }
        if (target.isDirect() || target.remaining() <= DIRECT_HEAP_BYTES) {
            return readInto(fd, target);
        }
        ByteBuffer chunk = NativeChunks.borrow();
        try {
            chunk.limit(Math.min(chunk.capacity(), target.remaining()));
            int count = readInto(fd, chunk);
            target.put(chunk.flip());
            return count;
        } finally {
            NativeChunks.giveBack(chunk);
        }
    }

    /**
     * One pread(2) from {@code offset} into {@code target} from its position up to its limit, retried on EINTR; the
     * position advances by the bytes read, the descriptor's file position stays. {@code target} must be direct or at
     * most 64 KiB.
     *
     * @return bytes read, 0 at end of file (or when {@code target} has no room)
     */
    public static int pread(int fd, ByteBuffer target, long offset) throws PosixException {
        if (!target.isDirect() && target.remaining() > DIRECT_HEAP_BYTES) {
            throw new IllegalArgumentException("pread into a heap buffer of more than 64 KiB");
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        long n;
        do {
            n = libc().pread(fd, target, target.remaining(), offset);
        } while (n < 0 && lastErrno() == Errno.EINTR.intValue());
        int count = (int) check(n);
        target.position(target.position() + count);
        return count;
    }

    private static int readInto(int fd, ByteBuffer target) throws PosixException {
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
     * the bytes written, which may be fewer than remaining: at most {@link NativeChunks#CHUNK}, from a direct buffer
     * too. A 4 MiB write(2) to an ext4 file cost 2.5 to 3 times the CPU of sixteen of 256 KiB (a host's 64 MiB in
     * 4 MiB chunks: 378-414 against 137 ms), and a pass in three came out at 160-180 MiB/s instead of 260-300.
     */
    public static int write(int fd, ByteBuffer source) throws PosixException {
        if (!source.hasRemaining()) {
            return 0;
        }
        if (source.isDirect() || source.remaining() <= DIRECT_HEAP_BYTES) {
            return writeFrom(fd, source);
        }
        ByteBuffer chunk = NativeChunks.borrow();
        try {
            int length = Math.min(chunk.capacity(), source.remaining());
            chunk.put(chunk.position(), source, source.position(), length).limit(length);
            int count = writeFrom(fd, chunk);
            source.position(source.position() + count);
            return count;
        } finally {
            NativeChunks.giveBack(chunk);
        }
    }

    private static int writeFrom(int fd, ByteBuffer source) throws PosixException {
        long n;
        do {
            n = libc().write(fd, source, Math.min(source.remaining(), NativeChunks.CHUNK));
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

    /**
     * ioctl(2) with a pointer to native memory from {@link #allocateDirect}: for structs that hold addresses of
     * further buffers, such as NVMe's admin command. Package-private: jnr's {@code Pointer} stays in this bundle.
     */
    static int ioctl(int fd, long request, Pointer argument) throws PosixException {
        return check(libc().ioctl(fd, request, argument));
    }

    /** Zeroed native memory, freed when the returned pointer becomes unreachable. */
    static Pointer allocateDirect(int size) {
        return LibCHolder.RUNTIME.getMemoryManager().allocateDirect(size, true);
    }

    /** strerror(3): the C library's text for an errno, as qemu-ga puts it into its error messages. */
    public static String strerror(int errno) {
        return libc().strerror(errno);
    }

    /**
     * statvfs(3) of a path, e.g. a mount point. Only the layout of 64-bit Linux (x86_64, aarch64, ...) is
     * decoded: there every field up to f_bavail is an unsigned long.
     */
    public static FilesystemStatistics statvfs(String path) throws PosixException {
        ByteBuffer result = ByteBuffer.allocateDirect(STATVFS_BUFFER).order(ByteOrder.nativeOrder());
        check(libc().statvfs(cString(path), result));
        return new FilesystemStatistics(result.getLong(8), result.getLong(16), result.getLong(24), result.getLong(32));
    }

    /** getifaddrs(3): the list, in the C library's order, copied out and freed again. */
    public static List<InterfaceAddress> interfaceAddresses() throws PosixException {
        PointerByReference head = new PointerByReference();
        check(libc().getifaddrs(head));
        Pointer first = head.getValue();
        try {
            return InterfaceAddressList.copy(first, LibCHolder.RUNTIME.addressSize());
        } finally {
            if (first != null) {
                libc().freeifaddrs(first);
            }
        }
    }

    /**
     * The link-layer address SIOCGIFHWADDR reports for an interface (the first 6 bytes of its sa_data, as
     * qemu-ga takes them): all zero for loopback and other interfaces without one.
     *
     * @param interfaceName cut to 15 bytes as IFNAMSIZ allows; an alias label such as {@code eth0:1} names
     *     its interface (the kernel ignores the label)
     */
    public static byte[] hardwareAddress(String interfaceName) throws PosixException {
        int socket = check(libc().socket(InterfaceAddress.AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        try {
            ByteBuffer ifreq = ByteBuffer.allocateDirect(IFREQ_SIZE).order(ByteOrder.nativeOrder());
            byte[] name = interfaceName.getBytes(StandardCharsets.UTF_8);
            ifreq.put(0, name, 0, Math.min(name.length, IFNAMSIZ - 1));
            check(libc().ioctl(socket, SIOCGIFHWADDR, ifreq));
            byte[] address = new byte[6];
            ifreq.get(IFNAMSIZ + 2, address);
            return address;
        } finally {
            libc().close(socket);
        }
    }

    static byte[] cString(String path) {
        byte[] encoded = path.getBytes(StandardCharsets.UTF_8);
        byte[] cString = new byte[encoded.length + 1];
        System.arraycopy(encoded, 0, cString, 0, encoded.length);
        return cString;
    }

    /**
     * Heap buffers up to this size go to jnr as they are (its copy of so few bytes is cheap); larger ones move at most
     * one {@link NativeChunks#CHUNK} per call, through a reused native buffer.
     */
    private static final int DIRECT_HEAP_BYTES = 64 * 1024;
    private static final int STATVFS_BUFFER = 256;
    private static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    private static final int IFNAMSIZ = 16;
    /** struct ifreq: the name, then a union of at most 24 bytes (struct ifmap) on 64-bit Linux. */
    private static final int IFREQ_SIZE = 40;
    private static final long SIOCGIFHWADDR = 0x8927;

    static LibC libc() {
        return LibCHolder.LIBC;
    }

    static int lastErrno() {
        return LibCHolder.RUNTIME.getLastError();
    }

    static int check(int result) throws PosixException {
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
