package org.jqga.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import jnr.constants.platform.Errno;
import org.jqga.posix.internal.LibC;

/**
 * An AF_UNIX SOCK_DGRAM socket, which Java 17's DatagramChannel lacks: connected to send (e.g. to syslog's
 * /dev/log) or bound to receive. Sends and receives block at most the timeout given when the socket was made
 * (SO_SNDTIMEO, SO_RCVTIMEO), then fail with EAGAIN, so a stuck peer costs a bounded wait. Not thread-safe.
 */
public final class UnixDatagramSocket implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDTIMEO = 21;
    /** sun_path's size in struct sockaddr_un; the path and its NUL must fit. */
    private static final int SUN_PATH = 108;
    private static final int MSG_NOSIGNAL = 0x4000;

    private final int fd;
    private boolean closed;

    private UnixDatagramSocket(int fd) {
        this.fd = fd;
    }

    /** A socket connected to the datagram socket bound at {@code path}, for {@link #send}. */
    public static UnixDatagramSocket connect(String path, Duration sendTimeout) throws PosixException {
        return open(path, SO_SNDTIMEO, sendTimeout, false);
    }

    /** A socket bound at {@code path} (which must not exist yet), for {@link #receive}. */
    public static UnixDatagramSocket bind(String path, Duration receiveTimeout) throws PosixException {
        return open(path, SO_RCVTIMEO, receiveTimeout, true);
    }

    private static UnixDatagramSocket open(String path, int timeoutOption, Duration timeout, boolean bind)
            throws PosixException {
        byte[] cPath = Posix.cString(path);
        if (cPath.length > SUN_PATH) {
            throw failure(Errno.ENAMETOOLONG.intValue());
        }
        LibC libc = Posix.libc();
        int fd = Posix.check(libc.socket(AF_UNIX, SOCK_DGRAM | Posix.SOCK_CLOEXEC, 0));
        try {
            ByteBuffer timeval = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            timeval.putLong(0, timeout.toSeconds()).putLong(8, timeout.toMillisPart() * 1000L);
            Posix.check(libc.setsockopt(fd, SOL_SOCKET, timeoutOption, timeval, 16));
            ByteBuffer address = ByteBuffer.allocateDirect(2 + SUN_PATH).order(ByteOrder.nativeOrder());
            address.putShort(0, (short) AF_UNIX).put(2, cPath);
            Posix.check(bind ? libc.bind(fd, address, 2 + cPath.length) : libc.connect(fd, address, 2 + cPath.length));
            return new UnixDatagramSocket(fd);
        } catch (PosixException e) {
            libc.close(fd);
            throw e;
        }
    }

    /** One datagram of {@code datagram}'s remaining bytes (position to limit); retried on EINTR. */
    public void send(ByteBuffer datagram) throws PosixException {
        ByteBuffer direct = datagram.isDirect() ? datagram
                : ByteBuffer.allocateDirect(datagram.remaining()).put(datagram.duplicate()).flip();
        long sent;
        do {
            sent = Posix.libc().send(fd, direct, direct.remaining(), MSG_NOSIGNAL);
        } while (sent < 0 && Posix.lastErrno() == Errno.EINTR.intValue());
        if (sent < 0) {
            throw failure(Posix.lastErrno());
        }
        datagram.position(datagram.limit());
    }

    /**
     * One datagram into {@code target} from its position (a longer one is cut to the room there), retried on EINTR.
     *
     * @return the bytes received
     * @throws PosixException EAGAIN when none came within the receive timeout
     */
    public int receive(ByteBuffer target) throws PosixException {
        ByteBuffer direct = target.isDirect() ? target.slice() : ByteBuffer.allocateDirect(target.remaining());
        long received;
        do {
            received = Posix.libc().recv(fd, direct, direct.remaining(), 0);
        } while (received < 0 && Posix.lastErrno() == Errno.EINTR.intValue());
        if (received < 0) {
            throw failure(Posix.lastErrno());
        }
        if (!target.isDirect()) {
            target.put(direct.limit((int) received));
        } else {
            target.position(target.position() + (int) received);
        }
        return (int) received;
    }

    private static PosixException failure(int errno) {
        return new PosixException(errno, Posix.strerror(errno));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Posix.libc().close(fd);
        }
    }
}
