package org.jqga.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import jnr.constants.platform.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real AF_UNIX datagram sockets in a temporary directory: one bound, one connected to it. */
class UnixDatagramSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void datagramsArriveWholeAndInOrder() throws Exception {
        String path = dir.resolve("log").toString();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(path, WAIT);
             UnixDatagramSocket sender = UnixDatagramSocket.connect(path, WAIT)) {
            sender.send(StandardCharsets.UTF_8.encode("<38>first"));
            ByteBuffer direct = ByteBuffer.allocateDirect(100).put(StandardCharsets.UTF_8.encode("<38>second ü")).flip();
            sender.send(direct);
            assertEquals(0, direct.remaining());
            assertEquals("<38>first", receive(receiver));
            assertEquals("<38>second ü", receive(receiver));
        }
    }

    @Test
    void connectingWhereNobodyListensAndWaitingInVainFailWithErrno() throws Exception {
        PosixException refused = assertThrows(PosixException.class,
                () -> UnixDatagramSocket.connect(dir.resolve("none").toString(), WAIT));
        assertTrue(refused.is(Errno.ENOENT), refused.getMessage());
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(dir.resolve("quiet").toString(), Duration.ofMillis(50))) {
            PosixException timeout = assertThrows(PosixException.class, () -> receiver.receive(ByteBuffer.allocate(10)));
            assertTrue(timeout.is(Errno.EAGAIN), timeout.getMessage());
        }
        assertThrows(PosixException.class, () -> UnixDatagramSocket.connect("/" + "x".repeat(200), WAIT));
    }

    private static String receive(UnixDatagramSocket receiver) throws PosixException {
        ByteBuffer buffer = ByteBuffer.allocate(1000);
        int n = receiver.receive(buffer);
        assertEquals(n, buffer.position());
        return new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
    }
}
