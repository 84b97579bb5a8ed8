package org.jqga.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jqga.api.audit.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueueTest {

    private static final Instant T = Instant.parse("2025-01-31T12:00:00.123456789Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static RequestRecord record(String command) {
        return new RequestRecord(T, command, "ab".repeat(32), "allowed", "default: allowed", "ok", 42);
    }

    @Test
    void lineFormat() {
        assertEquals("{\"time\":\"2025-01-31T12:00:00.123456Z\",\"command\":\"guest-ping\",\"args-sha256\":\"" + "ab".repeat(32)
                + "\",\"decision\":\"allowed\",\"rule\":\"default: allowed\",\"result\":\"ok\",\"duration-us\":42,\"origin\":\"host\"}\n",
                AuditLine.of(record("guest-ping")));
        assertEquals("{\"time\":\"2025-01-31T12:00:00.123456Z\",\"command\":null,\"args-sha256\":\"x\",\"decision\":\"none\","
                + "\"rule\":null,\"result\":\"GenericError\",\"duration-us\":1,\"origin\":\"local-admin\"}\n",
                AuditLine.of(new RequestRecord(T, null, "x", "none", null, "GenericError", 1, "local-admin")));
        assertEquals("{\"time\":\"2025-01-31T12:00:00.123456Z\",\"event\":\"dropped\",\"count\":3}\n", AuditLine.dropped(T, 3));
    }

    @Test
    void writesEveryRecordToAPrivateFile() throws Exception {
        Path file = dir.resolve("sub/audit.jsonl");
        try (AuditQueue queue = new AuditQueue(100, new AuditFile(file), CLOCK)) {
            for (int i = 0; i < 50; i++) {
                queue.requestCompleted(record("c" + i));
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(50, lines.size());
        for (int i = 0; i < 50; i++) {
            assertTrue(lines.get(i).contains("\"command\":\"c" + i + "\""), lines.get(i));
            new JsonFactory().createParser(lines.get(i)).nextToken();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** A sink that blocks until released, like a write to a frozen filesystem. */
    private static final class GatedSink implements AuditSink {
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(List<String> batch) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            lines.addAll(batch);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        GatedSink sink = new GatedSink();
        AuditQueue queue = new AuditQueue(10, sink, CLOCK);
        // the sink stays blocked throughout: a caller that waited for it would never get through the loop
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1000; i++) {
                queue.requestCompleted(record("c" + i));
            }
        }, "the request path never waits for the sink");
        sink.gate.countDown();
        queue.close();
        assertTrue(sink.lines.stream().anyMatch(l -> l.contains("\"event\":\"dropped\"")), sink.lines.toString());
        long reported = sink.lines.stream().filter(l -> l.contains("\"event\":\"dropped\""))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*\"count\":(\\d+).*\\n?", "$1"))).sum();
        long written = sink.lines.stream().filter(l -> l.contains("\"command\"")).count();
        assertTrue(written <= 10 + AuditQueue.BATCH, "the bound held: " + written);
        assertEquals(1000, written + reported, "every record written or counted as dropped");
    }

    @Test
    void heldInMemoryWhileFrozenAndWrittenAfterThaw() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditQueue queue = new AuditQueue(100, new AuditFile(file), CLOCK);
        queue.frozen(true);
        for (int i = 0; i < 5; i++) {
            queue.requestCompleted(record("frozen" + i));
        }
        Thread.sleep(600);
        assertTrue(!Files.exists(file) || Files.readAllLines(file).isEmpty(), "nothing written while frozen");
        queue.frozen(false);
        long deadline = System.currentTimeMillis() + 5000;
        while ((!Files.exists(file) || Files.readAllLines(file).size() < 5) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(5, Files.readAllLines(file).size());
        queue.close();
    }
}
