package org.jqga.transport.virtio.internal.vsock;

import org.newsclub.net.unix.AFDatagramChannel;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** The NIO view of a {@link VsockDatagramSocket}; exists for junixsocket's family registration only. */
public final class VsockDatagramChannel extends AFDatagramChannel<AFVSOCKSocketAddress> {

    VsockDatagramChannel(VsockDatagramSocket socket) {
        super(VsockSelectorProvider.INSTANCE, socket);
    }
}
