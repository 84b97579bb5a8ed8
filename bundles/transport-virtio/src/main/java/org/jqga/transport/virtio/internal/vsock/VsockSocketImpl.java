package org.jqga.transport.virtio.internal.vsock;

import java.io.FileDescriptor;
import org.newsclub.net.unix.AFSocketImpl;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** junixsocket's socket implementation, bound to the vsock family. */
final class VsockSocketImpl extends AFSocketImpl<AFVSOCKSocketAddress> {

    VsockSocketImpl(FileDescriptor fd) {
        super(VsockFamily.family(), fd);
    }
}
