package org.jqga.transport.virtio.internal.vsock;

import org.newsclub.net.unix.AFServerSocketChannel;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** The NIO view of a {@link VsockServerSocket}: accept() returns {@link VsockSocketChannel}s. */
public final class VsockServerSocketChannel extends AFServerSocketChannel<AFVSOCKSocketAddress> {

    VsockServerSocketChannel(VsockServerSocket socket) {
        super(socket, VsockSelectorProvider.INSTANCE);
    }
}
