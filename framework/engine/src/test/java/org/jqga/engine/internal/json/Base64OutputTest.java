package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jqga.api.ByteSource;
import org.junit.jupiter.api.Test;

/**
 * The same text as the JDK's encoder, for every way a length can end a piece, from an array or native memory, to a
 * stream or a channel; and a failed write ends both threads.
 */
class Base64OutputTest {

    private static final int PIECE = Base64Output.PIECE;

    private static final List<Integer> LENGTHS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 4096,
            Base64Output.DIRECT_FROM - 1, Base64Output.DIRECT_FROM, PIECE - 1, PIECE + 1, 2 * PIECE + 2,
            Base64Output.TWO_THREADS_FROM - 1, Base64Output.TWO_THREADS_FROM, Base64Output.TWO_THREADS_FROM + 1,
            Base64Output.TWO_THREADS_FROM + 2, 9 * PIECE - 1, 9 * PIECE + 1, 10 * PIECE, 4 << 20, (4 << 20) + 2, 7 * PIECE + 5);

    @Test
    void rawMemoryIsThereOnThisJvm() {
        // otherwise every test here would pass through the portable way alone
        assertNotNull(RawMemory.UNSAFE, "sun.misc.Unsafe on " + System.getProperty("os.arch"));
    }

    @Test
    void encodesAsTheJdkDoesFromArraysAndFromNativeMemory() throws IOException {
        Random random = new Random(3);
        for (int length : LENGTHS) {
            byte[] data = new byte[length + 10];
            random.nextBytes(data);
            String expected = Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, 7, 7 + length));
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).position(7).limit(7 + length);
            ByteBuffer readOnly = ByteBuffer.wrap(data, 7, length).asReadOnlyBuffer();
            Map<String, ByteBuffer> sources = Map.of("array", ByteBuffer.wrap(data, 7, length), "direct", direct,
                    "read-only", readOnly);
            for (Map.Entry<String, ByteBuffer> source : sources.entrySet()) {
                int position = source.getValue().position();
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                Base64Output.write(source.getValue(), stream);
                assertEquals(expected, stream.toString(StandardCharsets.US_ASCII), source.getKey() + ", length " + length);
                ChannelCapture channel = new ChannelCapture();
                Base64Output.write(source.getValue(), channel);
                assertEquals(expected, channel.text(), source.getKey() + " to a channel, length " + length);
                assertEquals(length >= Base64Output.DIRECT_FROM, channel.directPieces > 0,
                        "large values go to a channel from direct pieces, length " + length);
                assertEquals(position, source.getValue().position(), "the source's position stays");
            }
            ByteArrayOutputStream portable = new ByteArrayOutputStream();
            Base64Output.writePortably(direct, portable);
            assertEquals(expected, portable.toString(StandardCharsets.US_ASCII), "portably, length " + length);
        }
    }

    /**
     * A source is read a piece at a time, each range once, into buffers of at most a piece; from two threads once the
     * value is large enough to be encoded on two.
     */
    @Test
    void encodesWhatASourceReadsPieceByPiece() throws IOException {
        Random random = new Random(4);
        for (int length : LENGTHS) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String expected = Base64.getEncoder().encodeToString(data);
            for (boolean toChannel : new boolean[] {false, true}) {
                RecordingSource source = new RecordingSource(data);
                String text;
                if (toChannel) {
                    ChannelCapture channel = new ChannelCapture();
                    Base64Output.write(source, channel);
                    text = channel.text();
                } else {
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    Base64Output.write(source, stream);
                    text = stream.toString(StandardCharsets.US_ASCII);
                }
                assertEquals(expected, text, "length " + length + (toChannel ? " to a channel" : ""));
                assertEquals(length, source.bytesRead.get(), "every byte read once, length " + length);
                assertTrue(source.largestRead <= PIECE, "reads of at most a piece");
                assertEquals(length >= Base64Output.TWO_THREADS_FROM, source.threads.size() == 2,
                        "read on two threads from " + Base64Output.TWO_THREADS_FROM + ", length " + length);
            }
            ByteArrayOutputStream portable = new ByteArrayOutputStream();
            Base64Output.writePortably(new RecordingSource(data), portable);
            assertEquals(expected, portable.toString(StandardCharsets.US_ASCII), "portably, length " + length);
        }
    }

    /**
     * A source that throws or falls short costs its own bytes, as zeros, never the reply: the count before them has
     * been sent, and the host's parser needs the rest of the line.
     */
    @Test
    void aSourceThatFailsOrFallsShortIsSentAsZeros() throws IOException {
        for (int length : List.of(100, 4 << 20)) {
            ByteSource throwing = source(length, (offset, target) -> {
                target.put((byte) 1);
                throw new IllegalStateException("a command bundle's bug");
            });
            ByteSource short_ = source(length, (offset, target) -> target.put((byte) 1));
            byte[] expected = new byte[length];
            for (int i = 0; i < length; i += PIECE) {
                expected[i] = 1;
            }
            for (ByteSource source : List.of(throwing, short_)) {
                ChannelCapture channel = new ChannelCapture();
                Base64Output.write(source, channel);
                assertEquals(Base64.getEncoder().encodeToString(expected), channel.text(), "length " + length);
            }
        }
    }

    private static ByteSource source(long length, java.util.function.BiConsumer<Long, ByteBuffer> read) {
        return new ByteSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void read(long offset, ByteBuffer target) {
                read.accept(offset, target);
            }
        };
    }

    /** Bytes in an array, handed out as a source would read them from a file. */
    private static final class RecordingSource implements ByteSource {
        private final byte[] data;
        final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
        final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile int largestRead;

        RecordingSource(byte[] data) {
            this.data = data;
        }

        @Override
        public long length() {
            return data.length;
        }

        @Override
        public void read(long offset, ByteBuffer target) {
            threads.add(Thread.currentThread());
            largestRead = Math.max(largestRead, target.remaining());
            bytesRead.addAndGet(target.remaining());
            target.put(data, (int) offset, target.remaining());
        }
    }

    /** A reply stream as the engine's is: bytes as a stream, and large pieces as buffers. */
    private static final class ChannelCapture extends ByteArrayOutputStream implements WritableByteChannel {
        int directPieces;

        @Override
        public int write(ByteBuffer piece) {
            directPieces += piece.isDirect() ? 1 : 0;
            int n = piece.remaining();
            byte[] bytes = new byte[n];
            piece.get(bytes);
            writeBytes(bytes);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        String text() {
            return toString(StandardCharsets.US_ASCII);
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
                    assertThrows(IOException.class, () -> Base64Output.write(ByteBuffer.wrap(data), failing)).getMessage());
        }
        // each call waited for its helper: a fresh call is not queued behind an abandoned one, and the piece buffers
        // the failed calls left for reuse are whole and nobody else's
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Base64Output.write(ByteBuffer.wrap(data), out);
            assertEquals(Base64.getEncoder().encodeToString(data), out.toString(StandardCharsets.US_ASCII));
        }
    }

    /**
     * The bytes may be lent, and their memory freed once the reply is done: a failed reply returns only after the
     * helper has stopped reading them, though it was still reading its piece when the write failed.
     */
    @Test
    void aFailedReplyReturnsOnlyOnceTheHelperHasStoppedReading() {
        java.util.concurrent.atomic.AtomicInteger reading = new java.util.concurrent.atomic.AtomicInteger();
        ByteSource slowSecondPiece = source(4 << 20, (offset, target) -> {
            reading.incrementAndGet();
            try {
                if (offset == PIECE) {
                    // the helper's first piece; the writer's own, the first, is read at once
                    long end = System.nanoTime() + 200_000_000L;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait(); // not ended by an interrupt, as a read of native memory is not
                    }
                }
            } finally {
                reading.decrementAndGet();
            }
        });
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("host went away");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("host went away");
            }
        };
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> Base64Output.write(slowSecondPiece, failing));
            assertEquals(0, reading.get(), "a read still going on after the reply failed");
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
                Base64Output.write(ByteBuffer.wrap(data), stalled);
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
                    Base64Output.write(ByteBuffer.wrap(data), out);
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
