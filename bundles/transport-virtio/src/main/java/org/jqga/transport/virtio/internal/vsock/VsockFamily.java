package org.jqga.transport.virtio.internal.vsock;

import org.newsclub.net.unix.AFAddressFamily;
import org.newsclub.net.unix.AFAddressFamilyConfig;
import org.newsclub.net.unix.AFDatagramChannel;
import org.newsclub.net.unix.AFDatagramSocket;
import org.newsclub.net.unix.AFServerSocket;
import org.newsclub.net.unix.AFServerSocketChannel;
import org.newsclub.net.unix.AFSocket;
import org.newsclub.net.unix.AFSocketChannel;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/**
 * Tells junixsocket which classes implement stream sockets of the vsock family. Registered once per
 * class loader, on first use; datagrams are not needed by the agent and stay unsupported.
 */
public final class VsockFamily extends AFAddressFamilyConfig<AFVSOCKSocketAddress> {

    private static AFAddressFamily<AFVSOCKSocketAddress> family;

    private VsockFamily() {
    }

    /** The vsock family with this package's socket classes registered. */
    public static synchronized AFAddressFamily<AFVSOCKSocketAddress> family() {
        if (family == null) {
            family = AFAddressFamily.registerAddressFamilyImpl("vsock", AFVSOCKSocketAddress.addressFamily(),
                    new VsockFamily());
        }
        return family;
    }

    @Override
    protected Class<? extends AFSocket<AFVSOCKSocketAddress>> socketClass() {
        return VsockSocket.class;
    }

    @Override
    protected AFSocket.Constructor<AFVSOCKSocketAddress> socketConstructor() {
        return VsockSocket::new;
    }

    @Override
    protected Class<? extends AFServerSocket<AFVSOCKSocketAddress>> serverSocketClass() {
        return VsockServerSocket.class;
    }

    @Override
    protected AFServerSocket.Constructor<AFVSOCKSocketAddress> serverSocketConstructor() {
        return VsockServerSocket::new;
    }

    @Override
    protected Class<? extends AFSocketChannel<AFVSOCKSocketAddress>> socketChannelClass() {
        return VsockSocketChannel.class;
    }

    @Override
    protected Class<? extends AFServerSocketChannel<AFVSOCKSocketAddress>> serverSocketChannelClass() {
        return VsockServerSocketChannel.class;
    }

    @Override
    protected Class<? extends AFDatagramSocket<AFVSOCKSocketAddress>> datagramSocketClass() {
        return VsockDatagramSocket.class;
    }

    @Override
    protected AFDatagramSocket.Constructor<AFVSOCKSocketAddress> datagramSocketConstructor() {
        return VsockDatagramSocket::new;
    }

    @Override
    protected Class<? extends AFDatagramChannel<AFVSOCKSocketAddress>> datagramChannelClass() {
        return VsockDatagramChannel.class;
    }
}
