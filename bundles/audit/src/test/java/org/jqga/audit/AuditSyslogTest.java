package org.jqga.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import jnr.constants.platform.Errno;
import org.jqga.api.audit.RequestRecord;
import org.jqga.posix.PosixException;
import org.jqga.posix.UnixDatagramSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syslog sink against a real AF_UNIX datagram socket the test binds in place of /dev/log. */
class AuditSyslogTest {

    private static final Instant T = Instant.parse("2025-01-03T09:05:07.5Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static RequestRecord record(String command) {
        return new RequestRecord(T, command, "ab".repeat(32), "refused", "policy file P: block", "CommandNotFound", 7,
                "local-admin");
    }

    @Test
    void oneDatagramPerRecordInTheLocalSyslogFormat() throws Exception {
        String path = dir.resolve("log").toString();
        try (UnixDatagramSocket log = UnixDatagramSocket.bind(path, Duration.ofSeconds(30));
             AuditQueue queue = new AuditQueue(100, new AuditSyslog(path, SyslogFacility.AUTH, CLOCK), CLOCK)) {
            queue.requestCompleted(record("guest-exec"));
            queue.requestCompleted(record("__org.jqga_bundle-install"));
            assertEquals("<38>Jan  3 09:05:07 jqga[" + PID + "]: " + AuditLine.of(record("guest-exec")).strip(), receive(log));
            String second = receive(log);
            assertTrue(second.startsWith("<38>Jan  3 09:05:07 jqga[" + PID + "]: {\"time\":"), second);
            assertTrue(second.endsWith("\"origin\":\"local-admin\"}"), second);
        }
    }

    @Test
    void heldWhileFrozenAndSentAfterThaw() throws Exception {
        String path = dir.resolve("log").toString();
        try (UnixDatagramSocket log = UnixDatagramSocket.bind(path, Duration.ofMillis(700));
             AuditQueue queue = new AuditQueue(100, new AuditSyslog(path, SyslogFacility.DAEMON, CLOCK), CLOCK)) {
            queue.frozen(true);
            queue.requestCompleted(record("guest-get-load"));
            PosixException none = assertThrows(PosixException.class, () -> receive(log), "nothing sent while frozen");
            assertTrue(none.is(Errno.EAGAIN), none.getMessage());
            queue.frozen(false);
            String message = receiveWithin(log, 40);
            assertTrue(message.startsWith("<30>") && message.contains("\"command\":\"guest-get-load\""), message);
        }
    }

    @Test
    void aSyslogDaemonThatRestartsIsConnectedAgain() throws Exception {
        String path = dir.resolve("log").toString();
        AuditSyslog sink = new AuditSyslog(path, SyslogFacility.LOCAL3, CLOCK);
        try (UnixDatagramSocket first = UnixDatagramSocket.bind(path, Duration.ofSeconds(30))) {
            sink.write(java.util.List.of("{\"a\":1}\n"));
            assertTrue(receive(first).startsWith("<158>"));
        }
        java.nio.file.Files.delete(Path.of(path));
        try (UnixDatagramSocket second = UnixDatagramSocket.bind(path, Duration.ofSeconds(30))) {
            sink.write(java.util.List.of("{\"a\":2}\n"));
            assertTrue(receive(second).endsWith("]: {\"a\":2}"));
        } finally {
            sink.close();
        }
    }

    @Test
    void targetsAndFacilities() {
        assertInstanceOf(AuditFile.class, AuditTrail.sink("/var/log/jqga/audit.jsonl", null));
        assertInstanceOf(AuditSyslog.class, AuditTrail.sink("syslog", null));
        assertInstanceOf(AuditSyslog.class, AuditTrail.sink("syslog:authpriv", "/tmp/x"));
        assertNull(AuditTrail.sink("syslog:kernel", null));
        assertTrue(new AuditSyslog("/dev/log", SyslogFacility.AUTH, CLOCK).message("{}\n").startsWith("<38>Jan  3 "));
    }

    private static String receive(UnixDatagramSocket log) throws PosixException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int n = log.receive(buffer);
        return new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
    }

    /** Bounded: the writer polls its queue every 200 ms and waits for thaw in steps of a second. */
    private static String receiveWithin(UnixDatagramSocket log, int tries) throws PosixException {
        for (int i = 1; ; i++) {
            try {
                return receive(log);
            } catch (PosixException e) {
                if (!e.is(Errno.EAGAIN) || i == tries) {
                    throw e;
                }
            }
        }
    }
}
