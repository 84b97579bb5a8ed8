package org.jqga.transport.virtio.internal.vsock;

import java.io.FileDescriptor;
import java.io.IOException;
import org.newsclub.net.unix.AFServerSocket;
import org.newsclub.net.unix.AFSocketImpl;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** A listening vsock stream socket. */
public final class VsockServerSocket extends AFServerSocket<AFVSOCKSocketAddress> {

    VsockServerSocket(FileDescriptor fd) throws IOException {
        super(fd);
    }

    /** A new, unbound socket; bind it with {@link #bind(java.net.SocketAddress, int)}. */
    public static VsockServerSocket open() throws IOException {
        VsockFamily.family();
        return (VsockServerSocket) AFServerSocket.newInstance(VsockServerSocket::new);
    }

    /** Adopts a listening socket someone else opened, e.g. systemd (socket activation). */
    public static VsockServerSocket adopt(FileDescriptor fd) throws IOException {
        VsockFamily.family();
        return (VsockServerSocket) AFServerSocket.newInstance(VsockServerSocket::new, fd, -1, -1);
    }

    @Override
    protected VsockServerSocketChannel newChannel() {
        return new VsockServerSocketChannel(this);
    }

    @Override
    public VsockServerSocketChannel getChannel() {
        return (VsockServerSocketChannel) super.getChannel();
    }

    @Override
    protected AFSocketImpl<AFVSOCKSocketAddress> newImpl(FileDescriptor fd) {
        return new VsockSocketImpl(fd);
    }

    @Override
    protected VsockSocket newSocketInstance() throws IOException {
        return VsockSocket.newUnconnected();
    }
}
