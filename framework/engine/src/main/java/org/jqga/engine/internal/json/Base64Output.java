package org.jqga.engine.internal.json;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Base64 of an array, written to a stream piece by piece, so that no encoded copy of the whole is ever held. A large
 * array is encoded on two threads: encoding is most of a 4 MiB guest-file-read's CPU (C1 code, one core) while the
 * host's other core mostly waits. The reply writer also sends every piece as its turn comes, so it encodes one piece
 * in three and a helper thread the other two (halves made the writer the slower of the two: 15 % less throughput).
 * Three piece buffers travel between them, so the memory is bounded whatever the size; a helper thread exists only
 * while a large reply is being written.
 */
final class Base64Output {

    /** Of every this many pieces, the reply writer encodes the first and the helper the rest. */
    private static final int WRITERS_SHARE = 3;
    /** Whole-piece buffers of earlier replies (the writer's and the helper's: WRITERS_SHARE + 1), kept for the next. */
    private static final ArrayDeque<byte[]> SPARES = new ArrayDeque<>();

    /** Input bytes per piece: a multiple of 3, so that pieces encode independently. */
    static final int PIECE = 3 << 16;
    /** Characters of a whole piece: the size of the piece buffers. */
    private static final int ENCODED_PIECE = PIECE / 3 * 4;
    /** Below this, handing pieces over costs more than it saves. */
    static final int TWO_THREADS_FROM = 8 * PIECE;

    static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The two characters of every 12 bits, the first in the low byte (a little-endian store puts it first): two
     * lookups per 3 bytes instead of four. Longs, so that a round's four need no widening (32 KiB: still in L1).
     */
    private static final long[] PAIRS = new long[1 << 12];

    static {
        for (int i = 0; i < PAIRS.length; i++) {
            PAIRS[i] = ALPHABET[i >>> 6] | ALPHABET[i & 0x3F] << 8;
        }
    }

    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A helper per reply being written, never one shared: a host that stops reading stalls its own reply and helper,
     * and a reply to another session (the admin socket's) must not queue behind them.
     */
    private static final ThreadPoolExecutor HELPERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
            new SynchronousQueue<>(), work -> {
                Thread thread = new Thread(work, "jqga-base64");
                thread.setDaemon(true);
                return thread;
            });

    private Base64Output() {
    }

    /** Writes the base64 of {@code bytes[offset, offset + length)} (padding included) to {@code out}. */
    static void write(byte[] bytes, int offset, int length, OutputStream out) throws IOException {
        int pieces = (length + PIECE - 1) / PIECE;
        if (length < TWO_THREADS_FROM) {
            byte[] encoded = length >= PIECE ? spare() : new byte[(length + 2) / 3 * 4];
            for (int piece = 0; piece < pieces; piece++) {
                out.write(encoded, 0, encodePiece(bytes, offset, length, piece, encoded));
            }
            keep(encoded);
            return;
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(WRITERS_SHARE);
        BlockingQueue<byte[]> encoded = new ArrayBlockingQueue<>(WRITERS_SHARE);
        for (int i = 0; i < WRITERS_SHARE; i++) {
            free.add(spare());
        }
        Future<?> helper = HELPERS.submit(() -> {
            for (int piece = 0; piece < pieces; piece++) {
                if (piece % WRITERS_SHARE == 0) {
                    continue;
                }
                byte[] target = free.take();
                encodePiece(bytes, offset, length, piece, target);
                encoded.put(target);
            }
            return null;
        });
        byte[] own = spare();
        try {
            for (int piece = 0; piece < pieces; piece++) {
                int n;
                if (piece % WRITERS_SHARE == 0) {
                    n = encodePiece(bytes, offset, length, piece, own);
                    out.write(own, 0, n);
                } else {
                    byte[] theirs = encoded.take();
                    n = encodedLength(length, piece);
                    out.write(theirs, 0, n);
                    free.put(theirs);
                }
            }
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while encoding a reply");
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding a reply failed", e.getCause());
        } finally {
            // the bytes may be lent: nothing may read them once the reply is done, also when it failed
            helper.cancel(true);
            awaitEnd(helper);
            // taken out of the queues, so that a cancelled helper can no longer get at them; the one it may still be
            // filling is in neither queue and is left to it
            List<byte[]> left = new ArrayList<>(List.of(own));
            free.drainTo(left);
            encoded.drainTo(left);
            left.forEach(Base64Output::keep);
        }
    }

    /**
     * A piece buffer: one of an earlier reply's, or a new one. A host reading a file in large chunks would otherwise
     * allocate 1 MiB of them per reply, and since they are in use when a young collection comes, they would move to
     * the old generation (the survivor spaces of a small heap are smaller): a full collection every few dozen reads.
     */
    private static byte[] spare() {
        synchronized (SPARES) {
            byte[] spare = SPARES.poll();
            return spare != null ? spare : new byte[ENCODED_PIECE];
        }
    }

    private static void keep(byte[] piece) {
        if (piece.length == ENCODED_PIECE) {
            synchronized (SPARES) {
                if (SPARES.size() <= WRITERS_SHARE) {
                    SPARES.push(piece);
                }
            }
        }
    }

    /** Lets the spare piece buffers go (1 MiB), once the host has stopped moving bytes for a while. */
    static void dropSpares() {
        synchronized (SPARES) {
            SPARES.clear();
        }
    }

    private static void awaitEnd(Future<?> helper) {
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException ended) {
            // cancelled or failed: either way it has stopped, or is about to at its next hand-over
        }
    }

    private static int encodedLength(int length, int piece) {
        int bytes = Math.min(PIECE, length - piece * PIECE);
        return (bytes + 2) / 3 * 4;
    }

    /** Encodes one piece into {@code target}; the last one with padding. Returns the characters written. */
    private static int encodePiece(byte[] bytes, int offset, int length, int piece, byte[] target) {
        int from = offset + piece * PIECE;
        int to = Math.min(offset + length, from + PIECE);
        long[] pairs = PAIRS;
        int o = 0;
        int i = from;
        // 12 bytes in, 16 characters out per round, in two 8-byte stores: C1 checks the bounds once per store rather
        // than once per character, and loops a quarter as often. A host's 4 MiB reads came out a fifth faster than
        // with byte stores (median of 9 runs each, 740 -> 921 MiB/s); the second store per round adds 8 % in C1
        for (int last = to - 12; i <= last; i += 12) {
            int first = (bytes[i] & 0xFF) << 16 | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF);
            int second = (bytes[i + 3] & 0xFF) << 16 | (bytes[i + 4] & 0xFF) << 8 | (bytes[i + 5] & 0xFF);
            int third = (bytes[i + 6] & 0xFF) << 16 | (bytes[i + 7] & 0xFF) << 8 | (bytes[i + 8] & 0xFF);
            int fourth = (bytes[i + 9] & 0xFF) << 16 | (bytes[i + 10] & 0xFF) << 8 | (bytes[i + 11] & 0xFF);
            LITTLE_ENDIAN_LONGS.set(target, o, pairs[first >>> 12] | pairs[first & 0xFFF] << 16
                    | pairs[second >>> 12] << 32 | pairs[second & 0xFFF] << 48);
            LITTLE_ENDIAN_LONGS.set(target, o + 8, pairs[third >>> 12] | pairs[third & 0xFFF] << 16
                    | pairs[fourth >>> 12] << 32 | pairs[fourth & 0xFFF] << 48);
            o += 16;
        }
        while (to - i >= 3) {
            int bits = (bytes[i] & 0xFF) << 16 | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF);
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            target[o + 2] = ALPHABET[(bits >>> 6) & 0x3F];
            target[o + 3] = ALPHABET[bits & 0x3F];
            o += 4;
            i += 3;
        }
        if (i < to) {
            int bits = (bytes[i] & 0xFF) << 16 | (i + 1 < to ? (bytes[i + 1] & 0xFF) << 8 : 0);
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            target[o + 2] = i + 1 < to ? ALPHABET[(bits >>> 6) & 0x3F] : (byte) '=';
            target[o + 3] = '=';
            o += 4;
        }
        return o;
    }
}
