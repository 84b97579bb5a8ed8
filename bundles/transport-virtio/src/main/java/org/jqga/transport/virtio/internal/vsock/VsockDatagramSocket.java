package org.jqga.transport.virtio.internal.vsock;

import java.io.FileDescriptor;
import java.io.IOException;
import org.newsclub.net.unix.AFDatagramSocket;
import org.newsclub.net.unix.AFDatagramSocketImpl;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/**
 * junixsocket requires every family to name its datagram classes (it registers descriptor casts for
 * them); the agent never opens a vsock datagram socket.
 */
public final class VsockDatagramSocket extends AFDatagramSocket<AFVSOCKSocketAddress> {

    VsockDatagramSocket(FileDescriptor fd) {
        super(new Impl(fd));
    }

    @Override
    protected VsockDatagramChannel newChannel() {
        return new VsockDatagramChannel(this);
    }

    @Override
    protected AFDatagramSocket<AFVSOCKSocketAddress> newDatagramSocketInstance() throws IOException {
        throw new UnsupportedOperationException("vsock datagrams are not supported");
    }

    private static final class Impl extends AFDatagramSocketImpl<AFVSOCKSocketAddress> {
        Impl(FileDescriptor fd) {
            super(VsockFamily.family(), fd, AFSocketType.SOCK_DGRAM);
        }
    }
}
