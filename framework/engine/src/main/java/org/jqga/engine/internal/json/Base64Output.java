package org.jqga.engine.internal.json;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
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
 * host's other core mostly waits, so the reply writer encodes the even pieces, a helper thread the odd ones, and the
 * writer sends each piece as its turn comes. Two piece buffers travel between them, so the memory is bounded whatever
 * the size; a helper thread exists only while a large reply is being written.
 */
final class Base64Output {

    /** Input bytes per piece: a multiple of 3, so that pieces encode independently. */
    static final int PIECE = 3 << 16;
    /** Below this, handing pieces over costs more than it saves. */
    static final int TWO_THREADS_FROM = 8 * PIECE;

    static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
            byte[] encoded = new byte[(Math.min(length, PIECE) + 2) / 3 * 4];
            for (int piece = 0; piece < pieces; piece++) {
                out.write(encoded, 0, encodePiece(bytes, offset, length, piece, encoded));
            }
            return;
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(2);
        BlockingQueue<byte[]> encoded = new ArrayBlockingQueue<>(2);
        free.add(new byte[PIECE / 3 * 4]);
        free.add(new byte[PIECE / 3 * 4]);
        Future<?> helper = HELPERS.submit(() -> {
            for (int piece = 1; piece < pieces; piece += 2) {
                byte[] target = free.take();
                encodePiece(bytes, offset, length, piece, target);
                encoded.put(target);
            }
            return null;
        });
        byte[] own = new byte[PIECE / 3 * 4];
        try {
            for (int piece = 0; piece < pieces; piece++) {
                int n;
                if (piece % 2 == 0) {
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
        int whole = from + (to - from) / 3 * 3;
        int o = 0;
        for (int i = from; i < whole; i += 3) {
            int bits = (bytes[i] & 0xFF) << 16 | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF);
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            target[o + 2] = ALPHABET[(bits >>> 6) & 0x3F];
            target[o + 3] = ALPHABET[bits & 0x3F];
            o += 4;
        }
        if (whole < to) {
            int bits = (bytes[whole] & 0xFF) << 16 | (whole + 1 < to ? (bytes[whole + 1] & 0xFF) << 8 : 0);
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            target[o + 2] = whole + 1 < to ? ALPHABET[(bits >>> 6) & 0x3F] : (byte) '=';
            target[o + 3] = '=';
            o += 4;
        }
        return o;
    }
}
