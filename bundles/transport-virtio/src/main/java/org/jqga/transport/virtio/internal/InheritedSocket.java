package org.jqga.transport.virtio.internal;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.ServerSocket;
import org.jqga.transport.virtio.internal.vsock.VsockServerSocket;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFVSOCKSocketAddress;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * The listening socket systemd passed as fd 3, adopted through junixsocket. Its family decides the
 * method, as in qemu-ga: AF_UNIX serves as unix-listen, AF_VSOCK as vsock-listen.
 */
record InheritedSocket(String method, ServerSocket socket) {

    static InheritedSocket adopt(int fd) throws IOException {
        FileDescriptorCast cast = FileDescriptorCast.unsafeUsing(fd);
        if (cast.isAvailable(AFUNIXServerSocket.class)) {
            AFUNIXServerSocket unix = cast.as(AFUNIXServerSocket.class);
            // systemd owns the socket file
            unix.setDeleteOnClose(false);
            return new InheritedSocket(ChannelSettings.UNIX_LISTEN, unix);
        }
        FileDescriptor descriptor = cast.getFileDescriptor();
        String why;
        try {
            VsockServerSocket vsock = VsockServerSocket.adopt(descriptor);
            if (vsock.getLocalSocketAddress() != null) {
                return new InheritedSocket(ChannelSettings.VSOCK_LISTEN, vsock);
            }
            why = "it has no vsock address";
        } catch (IOException | RuntimeException e) {
            why = e.toString();
        }
        throw new IOException("fd " + fd + " from systemd is neither a listening unix nor a vsock stream socket ("
                + why + ")");
    }

    /** The socket's own address, for the Transport service and the log. */
    String address() {
        Object address = socket.getLocalSocketAddress();
        if (address instanceof AFVSOCKSocketAddress vsock) {
            return Integer.toUnsignedString(vsock.getVSOCKCID()) + ":" + Integer.toUnsignedString(vsock.getVSOCKPort());
        }
        if (address instanceof AFUNIXSocketAddress unix) {
            return unix.getPath();
        }
        return String.valueOf(address);
    }
}
