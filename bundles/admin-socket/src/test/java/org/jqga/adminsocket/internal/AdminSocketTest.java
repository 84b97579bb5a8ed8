package org.jqga.adminsocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.ReplySink;
import org.jqga.api.transport.SessionOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket's modes and that its sessions are opened as local-admin (the engine here answers with the origin). */
class AdminSocketTest {

    @TempDir
    Path dir;

    private final BlockingQueue<SessionOrigin> origins = new ArrayBlockingQueue<>(4);

    /** Answers every chunk of bytes with the session's origin: what the admin socket asked the engine for. */
    private final ProtocolEngine engine = new ProtocolEngine() {
        @Override
        public ProtocolSession openSession(ReplySink sink, SessionOrigin origin) {
            origins.add(origin);
            return new ProtocolSession() {
                @Override
                public void receive(ByteBuffer input) throws IOException {
                    input.position(input.limit());
                    sink.send(StandardCharsets.US_ASCII.encode(origin.wireName() + "\n"));
                }

                @Override
                public void reset() {
                }
            };
        }
    };

    @Test
    void createsAPrivateDirectoryAndSocketAndOpensAdminSessions() throws Exception {
        Path socketPath = dir.resolve("jqga-admin/admin.sock");
        AdminSocket socket = new AdminSocket(socketPath, engine, () -> false);
        socket.start();
        try {
            assertTrue(socket.awaitSettled(30_000));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketPath.getParent())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketPath)));
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(socketPath));
                client.write(StandardCharsets.US_ASCII.encode("{\"execute\":\"guest-ping\"}"));
                ByteBuffer reply = ByteBuffer.allocate(64);
                while (reply.position() == 0 || reply.get(reply.position() - 1) != '\n') {
                    assertTrue(client.read(reply) > 0, "the admin socket closed the connection");
                }
                assertEquals("local-admin\n", new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII));
            }
            assertEquals(SessionOrigin.LOCAL_ADMIN, origins.take());
        } finally {
            socket.close();
        }
        assertFalse(Files.exists(socketPath), "the socket file is removed at close");
    }

    @Test
    void refusesADirectoryOthersCanEnterAndLeavesItsContentAlone() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stale = Files.createFile(open.resolve("admin.sock"));
        AdminSocket socket = new AdminSocket(stale, engine, () -> false);
        socket.start();
        assertTrue(socket.awaitSettled(30_000));
        socket.close();
        assertTrue(Files.isRegularFile(stale), "nothing was bound or removed there");
        assertNull(origins.poll());
    }

    @Test
    void whileFrozenNothingIsWrittenUntilThaw() throws Exception {
        Path socketPath = dir.resolve("jqga-admin/admin.sock");
        java.util.concurrent.atomic.AtomicBoolean frozen = new java.util.concurrent.atomic.AtomicBoolean(true);
        AdminSocket socket = new AdminSocket(socketPath, engine, frozen::get);
        try {
            socket.start();
            assertFalse(socket.awaitSettled(500), "waits while frozen");
            assertFalse(Files.exists(socketPath.getParent()), "no directory made while frozen");
            frozen.set(false);
            assertTrue(socket.awaitSettled(30_000));
            assertTrue(Files.exists(socketPath), "the socket appears after thaw");
        } finally {
            socket.close();
        }
    }

    @Test
    void theDefaultPathIsBelowTheStateDirectoryAndEmptySwitchesItOff() {
        assertEquals(Path.of("/run/jqga-admin/admin.sock"), AdminSocketService.socketPath(null, "/run"));
        assertEquals(Path.of("/tmp/a.sock"), AdminSocketService.socketPath("/tmp/a.sock", "/run"));
        assertNull(AdminSocketService.socketPath("", "/run"));
    }
}
