package org.jqga.adminsocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SO_PEERCRED on a real unix socket pair: this test process is the peer. */
class PeerCheckTest {

    private static final UserPrincipalLookupService USERS = FileSystems.getDefault().getUserPrincipalLookupService();

    @TempDir
    Path dir;

    @Test
    void theAgentsOwnUserIsLetIn() throws Exception {
        UserPrincipal me = USERS.lookupPrincipalByName(System.getProperty("user.name"));
        assertNull(refusalOfThisProcess(new PeerCheck(USERS, me)));
    }

    @Test
    void anyOtherUserIsTurnedAway() throws Exception {
        UserPrincipal nobody = USERS.lookupPrincipalByName("nobody");
        // a lookup that names "nobody" as root, so that this process (root or not) is neither root nor the owner
        UserPrincipalLookupService nobodyAsRoot = new UserPrincipalLookupService() {
            @Override
            public UserPrincipal lookupPrincipalByName(String name) {
                return nobody;
            }

            @Override
            public GroupPrincipal lookupPrincipalByGroupName(String group) throws IOException {
                throw new IOException("not used");
            }
        };
        assertEquals("peer user " + System.getProperty("user.name") + " is neither root nor nobody",
                refusalOfThisProcess(new PeerCheck(nobodyAsRoot, nobody)));
    }

    private String refusalOfThisProcess(PeerCheck check) throws IOException {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = server.accept()) {
                return check.refusal(accepted);
            }
        }
    }
}
