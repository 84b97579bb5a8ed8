package org.jqga.engine.internal.json;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jqga.api.ByteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base64 of bytes, written to a stream piece by piece, so that no encoded copy of the whole is ever held. A large
 * value is encoded on two threads: encoding is most of a 4 MiB guest-file-read's CPU (C1 code, one core) while the
 * host's other core mostly waits. The reply writer also sends every piece as its turn comes, so it encodes two pieces
 * in five and a helper thread the other three (halves made the writer the slower of the two: 15 % less throughput;
 * one in three made the helper the slower once the writer no longer copied what it sent: read loops' medians 881 to
 * 1167 MiB/s against 1033 to 1256, five runs each). The fixed share stays because the alternatives lost where it
 * matters, in 4 MiB read loops on a Firecracker guest: the writer alone used a fifth less CPU, but took 3.8 to 4.5 ms
 * per read against 2.0 to 2.2 (it was faster, 3.0-3.3 against 3.5-4.2 ms, only for some 50 ms after 300 ms of quiet,
 * while that guest's scheduler keeps both threads on one core); each thread taking the next piece nobody had taken
 * took 2.7 to 3.0 ms (the helper ran ahead and left the writer sending), and the writer taking a helper's piece not yet
 * begun changed nothing. Three piece buffers travel between them, so the memory is bounded whatever the size; a
 * helper thread exists only while a large reply is being written.
 *
 * <p>Bytes are read where they are, in an array or in a direct buffer's native memory, or a piece at a time from a
 * {@link ByteSource} (a large file read) into a direct buffer of the piece's own, by whichever thread encodes it. A
 * large value written to a {@link WritableByteChannel} is encoded into direct piece buffers that the socket is written
 * from: from array to array, the JDK would copy every piece once more on its way to the socket.
 */
final class Base64Output {

    private static final Logger LOG = LoggerFactory.getLogger(Base64Output.class);

    /** Piece buffers travelling between the two threads: at most two of the helper's pieces come in a row. */
    private static final int IN_FLIGHT = 3;
    /** Whole-piece buffers of earlier replies (the writer's and the helper's: IN_FLIGHT + 1), kept for the next. */
    private static final ArrayDeque<Piece> SPARE_ARRAYS = new ArrayDeque<>();
    private static final ArrayDeque<Piece> SPARE_DIRECT = new ArrayDeque<>();

    /** Input bytes per piece: a multiple of 3, so that pieces encode independently. */
    static final int PIECE = 3 << 16;
    /** Characters of a whole piece: the size of the piece buffers. */
    private static final int ENCODED_PIECE = PIECE / 3 * 4;
    /** Below this, handing pieces over costs more than it saves. */
    static final int TWO_THREADS_FROM = 8 * PIECE;
    /**
     * From this size (64 KiB of text) a channel gets direct pieces; a smaller value goes through the stream's buffer,
     * so that a small read does not keep a 256 KiB native piece for the life of the agent.
     */
    static final int DIRECT_FROM = 3 << 14;

    static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The two characters of every 12 bits, the first in the low byte (a little-endian store puts it first): two
     * lookups per 3 bytes instead of four. {@code SECOND_PAIRS} holds them shifted to the upper half, so that the four
     * characters of 3 bytes are one OR of two lookups (C1's code encoded 11 % faster than with one table of longs and
     * the shifts, in a micro-benchmark; 32 KiB together, still in L1).
     */
    private static final int[] FIRST_PAIRS = new int[1 << 12];
    private static final int[] SECOND_PAIRS = new int[1 << 12];

    static {
        for (int i = 0; i < FIRST_PAIRS.length; i++) {
            FIRST_PAIRS[i] = ALPHABET[i >>> 6] | ALPHABET[i & 0x3F] << 8;
            SECOND_PAIRS[i] = FIRST_PAIRS[i] << 16;
        }
    }

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

    /** Writes the base64 of {@code bytes} from its position to its limit (padding included); its position stays. */
    static void write(ByteBuffer bytes, OutputStream out) throws IOException {
        if (RawMemory.UNSAFE == null) {
            writePortably(bytes, out);
            return;
        }
        try {
            write(Source.of(bytes), out);
        } finally {
            // a direct buffer's memory is read by address: the buffer must outlive every read of it
            Reference.reachabilityFence(bytes);
        }
    }

    /** Writes the base64 of the bytes {@code source} reads, a piece at a time as they are encoded. */
    static void write(ByteSource bytes, OutputStream out) throws IOException {
        if (RawMemory.UNSAFE == null) {
            writePortably(bytes, out);
            return;
        }
        write(Source.of(bytes), out);
    }

    private static void write(Source source, OutputStream out) throws IOException {
        boolean direct = out instanceof WritableByteChannel && source.length >= DIRECT_FROM;
        if (source.length < TWO_THREADS_FROM) {
            Piece piece = spare(direct, source.length);
            for (int i = 0; i < source.pieces(); i++) {
                piece.encode(source, i);
                piece.send(out);
            }
            keep(piece);
        } else {
            writeOnTwoThreads(source, direct, out);
        }
    }

    /** Where raw memory access is not to be had: the JDK's encoder, a piece at a time, on this thread. */
    static void writePortably(ByteBuffer bytes, OutputStream out) throws IOException {
        Base64.Encoder encoder = Base64.getEncoder();
        ByteBuffer rest = bytes.duplicate();
        while (rest.hasRemaining()) {
            ByteBuffer piece = rest.slice();
            piece.limit(Math.min(PIECE, piece.remaining()));
            rest.position(rest.position() + piece.remaining());
            ByteBuffer encoded = encoder.encode(piece);
            out.write(encoded.array(), encoded.arrayOffset(), encoded.remaining());
        }
    }

    /** The portable path for bytes read piece by piece. */
    static void writePortably(ByteSource bytes, OutputStream out) throws IOException {
        UnreadBytes unread = new UnreadBytes(bytes);
        long length = unread.length();
        ByteBuffer piece = ByteBuffer.allocate((int) Math.min(PIECE, length));
        for (long from = 0; from < length; from += PIECE) {
            piece.clear().limit((int) Math.min(PIECE, length - from));
            unread.readPiece(from, piece);
            writePortably(piece.flip(), out);
        }
    }

    /** Of every five pieces, the first and the third are the reply writer's. */
    private static boolean writersPiece(int piece) {
        int place = piece % 5;
        return place == 0 || place == 2;
    }

    private static void writeOnTwoThreads(Source source, boolean direct, OutputStream out) throws IOException {
        int pieces = source.pieces();
        BlockingQueue<Piece> free = new ArrayBlockingQueue<>(IN_FLIGHT);
        BlockingQueue<Piece> encoded = new ArrayBlockingQueue<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            free.add(spare(direct, PIECE));
        }
        // whichever comes first, the helper starting or the writer ending, claims the helper's run: so the writer
        // knows whether it must wait for the helper to end, a Future's get returning as soon as it is cancelled
        AtomicBoolean helperClaimed = new AtomicBoolean();
        CountDownLatch helperEnded = new CountDownLatch(1);
        Future<?> helper = HELPERS.submit(() -> {
            if (!helperClaimed.compareAndSet(false, true)) {
                return null;
            }
            try {
                for (int piece = 0; piece < pieces; piece++) {
                    if (writersPiece(piece)) {
                        continue;
                    }
                    Piece target = free.take();
                    target.encode(source, piece);
                    encoded.put(target);
                }
                return null;
            } finally {
                helperEnded.countDown();
            }
        });
        Piece own = spare(direct, PIECE);
        try {
            for (int piece = 0; piece < pieces; piece++) {
                if (writersPiece(piece)) {
                    own.encode(source, piece);
                    own.send(out);
                } else {
                    Piece theirs = encoded.take();
                    theirs.send(out);
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
            // the bytes may be lent, and their memory freed once the reply is done: the helper must have stopped reading
            // them by then, also when the reply failed. The interrupt ends its wait at the next hand-over; it never
            // writes to the transport's channel, which an interrupt would close
            helper.cancel(true);
            if (!helperClaimed.compareAndSet(false, true)) {
                awaitUninterruptibly(helperEnded);
            }
            List<Piece> left = new ArrayList<>(List.of(own));
            free.drainTo(left);
            encoded.drainTo(left);
            left.forEach(Base64Output::keep);
        }
    }

    /**
     * A piece buffer: one of an earlier reply's, or a new one. A host reading a file in large chunks would otherwise
     * allocate 1 MiB of them per reply, and since they are in use when a young collection comes, they would move to
     * the old generation (the survivor spaces of a small heap are smaller): a full collection every few dozen reads.
     * A value smaller than a piece written to a stream gets an array of its own size.
     */
    private static Piece spare(boolean direct, int length) {
        if (!direct && length < PIECE) {
            return Piece.onHeap((length + 2) / 3 * 4);
        }
        ArrayDeque<Piece> spares = direct ? SPARE_DIRECT : SPARE_ARRAYS;
        synchronized (spares) {
            Piece spare = spares.poll();
            if (spare != null) {
                return spare;
            }
        }
        return direct ? Piece.direct() : Piece.onHeap(ENCODED_PIECE);
    }

    private static void keep(Piece piece) {
        if (piece.capacity() == ENCODED_PIECE) {
            ArrayDeque<Piece> spares = piece.isDirect() ? SPARE_DIRECT : SPARE_ARRAYS;
            synchronized (spares) {
                if (spares.size() <= IN_FLIGHT) {
                    spares.push(piece);
                }
            }
        }
    }

    /**
     * Lets the spare piece buffers go (1 MiB on the heap, 1 MiB native, and 768 KiB native that a source's pieces were
     * read into), once the host has stopped moving bytes.
     */
    static void dropSpares() {
        for (ArrayDeque<Piece> spares : List.of(SPARE_ARRAYS, SPARE_DIRECT)) {
            synchronized (spares) {
                spares.clear();
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The bytes to encode: in memory, as a base object (an array, or null for native memory) and an offset from it; or
     * to be read a piece at a time into each piece's own input buffer.
     */
    private record Source(Object base, long start, int length, UnreadBytes unread) {

        static Source of(ByteBuffer bytes) {
            if (bytes.hasArray()) {
                return new Source(bytes.array(), RawMemory.BYTE_ARRAY_BASE + bytes.arrayOffset() + bytes.position(),
                        bytes.remaining(), null);
            }
            if (bytes.isDirect()) {
                return new Source(null, RawMemory.address(bytes) + bytes.position(), bytes.remaining(), null);
            }
            // a read-only heap buffer hides its array
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return new Source(copy, RawMemory.BYTE_ARRAY_BASE, copy.length, null);
        }

        static Source of(ByteSource bytes) {
            UnreadBytes unread = new UnreadBytes(bytes);
            return new Source(null, 0, (int) unread.length(), unread);
        }

        int pieces() {
            return (length + PIECE - 1) / PIECE;
        }
    }

    /**
     * A source of one reply, read a piece at a time and always whole: the reply has already stated how many bytes
     * come, so bytes a source leaves unread, or fails to read (a file truncated meanwhile, a command bundle's bug), go
     * out as zeros, with one warning per reply, never at the cost of the rest of the reply and the host's channel.
     */
    private static final class UnreadBytes {
        private final ByteSource source;
        private final long length;
        private final AtomicBoolean shortfallLogged = new AtomicBoolean();

        UnreadBytes(ByteSource source) {
            long length = source.length();
            // a JSON string of more than 2 GiB of base64 is beyond any host's parser anyway
            if (length < 0 || length > Integer.MAX_VALUE / 4 * 3) {
                throw new IllegalArgumentException("cannot carry " + length + " bytes as base64");
            }
            this.source = source;
            this.length = length;
        }

        long length() {
            return length;
        }

        /** Fills {@code piece} from its position to its limit with the bytes from {@code from}. */
        void readPiece(long from, ByteBuffer piece) {
            try {
                source.read(from, piece);
                if (piece.hasRemaining() && shortfallLogged.compareAndSet(false, true)) {
                    LOG.warn("{} left {} bytes from {} unread; they were sent as zeros", source, piece.remaining(),
                            from);
                }
            } catch (RuntimeException e) {
                if (shortfallLogged.compareAndSet(false, true)) {
                    LOG.warn("{} failed to read the bytes from {}; they were sent as zeros", source, from, e);
                }
            }
            while (piece.hasRemaining()) {
                piece.put((byte) 0);
            }
        }
    }

    /**
     * A buffer one piece is encoded into and sent from: an array for a stream, a direct buffer for a channel; and, for a
     * source read piece by piece, a direct buffer the piece's bytes are read into first.
     */
    private static final class Piece {
        private final byte[] array;
        private final ByteBuffer direct;
        private final long start;
        private int length;
        private ByteBuffer input;

        private Piece(byte[] array, ByteBuffer direct, long start) {
            this.array = array;
            this.direct = direct;
            this.start = start;
        }

        static Piece onHeap(int capacity) {
            return new Piece(new byte[capacity], null, RawMemory.BYTE_ARRAY_BASE);
        }

        static Piece direct() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(ENCODED_PIECE);
            return new Piece(null, buffer, RawMemory.address(buffer));
        }

        boolean isDirect() {
            return direct != null;
        }

        int capacity() {
            return direct != null ? direct.capacity() : array.length;
        }

        void encode(Source source, int piece) {
            long from = (long) piece * PIECE;
            int bytes = (int) Math.min(PIECE, source.length() - from);
            if (source.unread() == null) {
                length = Base64Output.encode(source.base(), source.start() + from, bytes, array, start);
            } else {
                if (input == null || input.capacity() < bytes) {
                    // a whole piece's for a buffer that is kept for later replies, else just what this one needs
                    input = ByteBuffer.allocateDirect(capacity() == ENCODED_PIECE ? PIECE : bytes);
                }
                source.unread().readPiece(from, input.clear().limit(bytes));
                length = Base64Output.encode(null, RawMemory.address(input), bytes, array, start);
                Reference.reachabilityFence(input);
            }
            Reference.reachabilityFence(direct);
        }

        void send(OutputStream out) throws IOException {
            if (direct == null) {
                out.write(array, 0, length);
                return;
            }
            direct.clear().limit(length);
            WritableByteChannel channel = (WritableByteChannel) out;
            while (direct.hasRemaining()) {
                channel.write(direct);
            }
        }
    }

    /**
     * Encodes {@code length} bytes at {@code from + at} to {@code to + into} (a null base: native memory), padding the
     * last group. Returns the characters written.
     */
    private static int encode(Object from, long at, int length, Object to, long into) {
        sun.misc.Unsafe memory = RawMemory.UNSAFE;
        int[] first = FIRST_PAIRS;
        int[] second = SECOND_PAIRS;
        long i = at;
        long o = into;
        // 12 bytes in per round, as three 4-byte loads, and 16 characters out as four 4-byte stores: C1 code then
        // neither checks bounds nor loops per character (byte stores made a host's 4 MiB reads a fifth slower; two
        // 8-byte stores per round, or rounds of 24 bytes, encoded 2 to 8 % slower in a micro-benchmark). Ints, not a
        // long and an int: C1 inlines Integer.reverseBytes but calls Long.reverseBytes, which was 10 % of a read's
        // samples in perf; with the table indices taken straight from the swapped ints, 1.92 against 2.40 ms per 4 MiB
        for (long last = at + length - 12; i <= last; i += 12) {
            int p = Integer.reverseBytes(memory.getInt(from, i));
            int q = Integer.reverseBytes(memory.getInt(from, i + 4));
            int r = Integer.reverseBytes(memory.getInt(from, i + 8));
            memory.putInt(to, o, first[p >>> 20] | second[p >>> 8 & 0xFFF]);
            memory.putInt(to, o + 4, first[(p & 0xFF) << 4 | q >>> 28] | second[q >>> 16 & 0xFFF]);
            memory.putInt(to, o + 8, first[q >>> 4 & 0xFFF] | second[(q & 0xF) << 8 | r >>> 24]);
            memory.putInt(to, o + 12, first[r >>> 12 & 0xFFF] | second[r & 0xFFF]);
            o += 16;
        }
        long end = at + length;
        for (; end - i >= 3; i += 3, o += 4) {
            int bits = (memory.getByte(from, i) & 0xFF) << 16 | (memory.getByte(from, i + 1) & 0xFF) << 8
                    | (memory.getByte(from, i + 2) & 0xFF);
            memory.putInt(to, o, first[bits >>> 12] | second[bits & 0xFFF]);
        }
        if (i < end) {
            boolean two = end - i == 2;
            int bits = (memory.getByte(from, i) & 0xFF) << 16 | (two ? (memory.getByte(from, i + 1) & 0xFF) << 8 : 0);
            int chars = first[bits >>> 12] | second[bits & 0xFFF];
            memory.putInt(to, o, two ? chars & 0xFFFFFF | '=' << 24 : chars & 0xFFFF | '=' << 16 | '=' << 24);
            o += 4;
        }
        return (int) (o - into);
    }
}
