package org.jqga.adminsocket.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may use the admin socket: root, or the user the agent runs as (the socket's owner; the same as root when the
 * agent runs as root, as it does in a guest). The file modes already keep everybody else out; the kernel's
 * SO_PEERCRED check is the second fence, against a mode changed by hand or a socket handed to another process.
 */
final class PeerCheck {

    private final UserPrincipal root;
    private final UserPrincipal owner;

    PeerCheck(UserPrincipalLookupService users, UserPrincipal owner) throws IOException {
        this.root = users.lookupPrincipalByName("root");
        this.owner = owner;
    }

    /** Null when the peer may go on, else why not. */
    String refusal(SocketChannel client) {
        UnixDomainPrincipal peer;
        try {
            peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot read the peer's credentials: " + e;
        }
        if (peer.user().equals(root) || peer.user().equals(owner)) {
            return null;
        }
        return "peer user " + peer.user().getName() + " is neither root nor " + owner.getName();
    }
}
