package org.jqga.posix.internal;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.PointerByReference;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls the agent makes itself, bound by jnr-ffi. Declared here rather than taken from jnr-posix
 * because jnr-posix's lseek returns an int and its String paths go through the JVM's default charset
 * (ASCII under a C locale on Java 17); paths are passed as NUL-terminated UTF-8 bytes instead.
 */
public interface LibC {

    @SaveError
    int open(@In byte[] path, int flags, @mode_t int mode);

    @SaveError
    @ssize_t
    long read(int fd, @Out ByteBuffer buffer, @size_t long count);

    @SaveError
    @ssize_t
    long pread(int fd, @Out ByteBuffer buffer, @size_t long count, @off_t long offset);

    @SaveError
    @ssize_t
    long write(int fd, @In ByteBuffer buffer, @size_t long count);

    @SaveError
    @off_t
    long lseek(int fd, @off_t long offset, int whence);

    @SaveError
    int fchmod(int fd, @mode_t int mode);

    @SaveError
    int fsync(int fd);

    @SaveError
    int close(int fd);

    @SaveError
    int ioctl(int fd, long request, long argument);

    @SaveError
    int ioctl(int fd, long request, @In @Out ByteBuffer argument);

    @SaveError
    int ioctl(int fd, long request, Pointer argument);

    String strerror(int errnum);

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int connect(int fd, @In ByteBuffer address, int addressLength);

    @SaveError
    int bind(int fd, @In ByteBuffer address, int addressLength);

    @SaveError
    @ssize_t
    long recv(int fd, @Out ByteBuffer buffer, @size_t long count, int flags);

    @SaveError
    int setsockopt(int fd, int level, int option, @In ByteBuffer value, int valueLength);

    @SaveError
    @ssize_t
    long send(int fd, @In ByteBuffer buffer, @size_t long count, int flags);

    /** The list is freed with {@link #freeifaddrs}; walked by {@code org.jqga.posix.InterfaceAddresses}. */
    @SaveError
    int getifaddrs(@Out PointerByReference list);

    void freeifaddrs(Pointer list);

    @SaveError
    int statvfs(@In byte[] path, @Out ByteBuffer result);
}
