package org.jqga.transport.virtio.internal;

import java.io.IOException;
import org.jqga.transport.virtio.internal.vsock.VsockServerSocket;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** Whether a vsock port is bound, found by trying to bind it: this machine has no vsock peer to connect from. */
final class VsockProbe {

    private VsockProbe() {
    }

    static boolean portTaken(int port) throws IOException {
        try (VsockServerSocket probe = VsockServerSocket.open()) {
            probe.bind(AFVSOCKSocketAddress.ofPortAndCID(port, AFVSOCKSocketAddress.VMADDR_CID_ANY), 1);
            return false;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                return true;
            }
            throw e;
        }
    }
}
