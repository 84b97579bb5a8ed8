package org.jqga.transport.virtio.internal.vsock;

import org.newsclub.net.unix.AFSocketChannel;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** The NIO view of a {@link VsockSocket}. */
public final class VsockSocketChannel extends AFSocketChannel<AFVSOCKSocketAddress> {

    VsockSocketChannel(VsockSocket socket) {
        super(socket, VsockSelectorProvider.INSTANCE);
    }
}
