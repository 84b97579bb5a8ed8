package org.jqga.transport.virtio.internal.vsock;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import org.newsclub.net.unix.AFAddressFamily;
import org.newsclub.net.unix.AFDatagramChannel;
import org.newsclub.net.unix.AFSelectorProvider;
import org.newsclub.net.unix.AFServerSocketChannel;
import org.newsclub.net.unix.AFSocket;
import org.newsclub.net.unix.AFSocketChannel;
import org.newsclub.net.unix.AFSocketPair;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFSomeSocket;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** Opens vsock channels for junixsocket's selector machinery; socket pairs and datagrams do not exist here. */
final class VsockSelectorProvider extends AFSelectorProvider<AFVSOCKSocketAddress> {

    static final VsockSelectorProvider INSTANCE = new VsockSelectorProvider();

    private VsockSelectorProvider() {
    }

    @Override
    protected <Y extends AFSomeSocket> AFSocketPair<Y> newSocketPair(Y first, Y second) {
        throw new UnsupportedOperationException("vsock has no socket pairs");
    }

    @Override
    protected AFSocket<AFVSOCKSocketAddress> newSocket() throws IOException {
        return VsockSocket.newUnconnected();
    }

    @Override
    protected ProtocolFamily protocolFamily() {
        return VsockProtocolFamily.VSOCK;
    }

    @Override
    protected AFAddressFamily<AFVSOCKSocketAddress> addressFamily() {
        return VsockFamily.family();
    }

    @Override
    public AFDatagramChannel<AFVSOCKSocketAddress> openDatagramChannel() throws IOException {
        throw new UnsupportedOperationException("vsock datagrams are not supported");
    }

    @Override
    public AFDatagramChannel<AFVSOCKSocketAddress> openDatagramChannel(AFSocketType type) throws IOException {
        throw new UnsupportedOperationException("vsock datagrams are not supported");
    }

    @Override
    public AFServerSocketChannel<AFVSOCKSocketAddress> openServerSocketChannel() throws IOException {
        return VsockServerSocket.open().getChannel();
    }

    @Override
    public AFServerSocketChannel<AFVSOCKSocketAddress> openServerSocketChannel(SocketAddress address)
            throws IOException {
        VsockServerSocket socket = VsockServerSocket.open();
        socket.bind(address);
        return socket.getChannel();
    }

    @Override
    public AFSocketChannel<AFVSOCKSocketAddress> openSocketChannel(SocketAddress address) throws IOException {
        return VsockSocket.connectTo(AFVSOCKSocketAddress.unwrap(address)).getChannel();
    }
}
