package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The same text as the JDK's encoder, for every way a length can end a piece; and a failed write ends both threads. */
class Base64OutputTest {

    private static final int PIECE = Base64Output.PIECE;

    @Test
    void encodesAsTheJdkDoes() throws IOException {
        Random random = new Random(3);
        for (int length : List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 4096, PIECE - 1, PIECE + 1, 2 * PIECE + 2,
                Base64Output.TWO_THREADS_FROM - 1, Base64Output.TWO_THREADS_FROM, Base64Output.TWO_THREADS_FROM + 1, Base64Output.TWO_THREADS_FROM + 2,
                9 * PIECE - 1, 9 * PIECE + 1, 10 * PIECE, 4 << 20, (4 << 20) + 2, 7 * PIECE + 5)) {
            byte[] data = new byte[length + 10];
            random.nextBytes(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Base64Output.write(data, 7, length, out);
            String expected = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, 7, 7 + length));
            assertEquals(expected, out.toString(StandardCharsets.US_ASCII), "length " + length);
        }
    }

    @Test
    void aWriteThatFailsEndsTheEncodingAndTheHelper() throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(5).nextBytes(data);
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 3 * PIECE) {
                    throw new IOException("host went away");
                }
            }
        };
        for (int i = 0; i < 20; i++) {
            assertEquals("host went away",
                    assertThrows(IOException.class, () -> Base64Output.write(data, 0, data.length, failing)).getMessage());
        }
        // each call waited for its helper: a fresh call is not queued behind an abandoned one, and the piece buffers
        // the failed calls left for reuse are whole and nobody else's
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Base64Output.write(data, 0, data.length, out);
            assertEquals(Base64.getEncoder().encodeToString(data), out.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aStalledReplyDoesNotHoldUpAnotherSessions() throws Exception {
        byte[] data = new byte[4 << 20];
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    release.await(); // a host that stopped reading
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        };
        Thread first = new Thread(() -> {
            try {
                Base64Output.write(data, 0, data.length, stalled);
            } catch (IOException ignored) {
                // ends with the test
            }
        });
        first.start();
        try {
            Thread.sleep(200); // its helper is blocked waiting for a free piece buffer by now
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Base64Output.write(data, 0, data.length, out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            second.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(data.length / 3 * 4 + 4, out.size());
        } finally {
            release.countDown();
            first.join(60_000);
        }
    }
}
