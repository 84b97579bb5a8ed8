package org.jqga.transport.virtio.internal.vsock;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.SocketException;
import org.newsclub.net.unix.AFSocket;
import org.newsclub.net.unix.AFSocketFactory;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** A connected (or connecting) vsock stream socket. */
public final class VsockSocket extends AFSocket<AFVSOCKSocketAddress> {

    VsockSocket(FileDescriptor fd, AFSocketFactory<AFVSOCKSocketAddress> factory) throws SocketException {
        super(new VsockSocketImpl(fd), factory);
    }

    static VsockSocket newUnconnected() throws SocketException {
        return (VsockSocket) AFSocket.newInstance(VsockSocket::new, null);
    }

    /** Connects to {@code address}; the agent only listens, this is for tests and clients on a host. */
    public static VsockSocket connectTo(AFVSOCKSocketAddress address) throws IOException {
        return (VsockSocket) AFSocket.connectTo(VsockSocket::new, address);
    }

    @Override
    protected VsockSocketChannel newChannel() {
        return new VsockSocketChannel(this);
    }

    @Override
    public VsockSocketChannel getChannel() {
        return (VsockSocketChannel) super.getChannel();
    }
}
