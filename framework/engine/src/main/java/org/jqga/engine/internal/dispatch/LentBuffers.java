package org.jqga.engine.internal.dispatch;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The buffers {@link org.jqga.api.CommandContext#lendBuffer(int)} lends. A host reading a file in 4 MiB chunks would
 * otherwise allocate 4 MiB per request; the serial collector promotes such arrays when a young collection meets one
 * in use, and a full collection every few requests cost a third of the read throughput. A buffer comes back once its
 * reply has been written; those a handler failed or was abandoned with are left to the collector.
 *
 * <p>A large buffer is direct: a file is read straight into it, and its base64 encoded from there to the socket,
 * where an array would cost a copy of every byte on the way in. The arrays base64 arguments are decoded to are kept
 * apart, since the parser needs them as arrays.
 */
final class LentBuffers {

    /** A 48 MiB read is rare enough to allocate each time; keeping its buffer would cost the idle agent. */
    static final int LARGEST_KEPT = 16 << 20;
    /** From this size a lent buffer is direct; below it, a few kilobytes of native memory would cost more than they save. */
    static final int DIRECT_FROM = 64 * 1024;
    /** One per session that can be moving data at the same time: the host's and an admin's. */
    private static final int KEPT = 2;

    private final Kept<byte[]> arrays = new Kept<>(array -> array.length, byte[]::new);
    private final Kept<ByteBuffer> direct = new Kept<>(ByteBuffer::capacity, ByteBuffer::allocateDirect);

    ByteBuffer lend(int capacity) {
        if (capacity < DIRECT_FROM) {
            return ByteBuffer.wrap(take(capacity), 0, capacity);
        }
        return direct.take(capacity).clear().limit(capacity);
    }

    /**
     * An array of at least {@code capacity} bytes. Writes share them: a host that writes a file in chunks gets the
     * array its last request was decoded to.
     */
    byte[] take(int capacity) {
        return arrays.take(capacity);
    }

    /** A buffer {@link #lend} made, or an array {@link #take} made, wrapped. */
    void giveBack(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            direct.giveBack(buffer);
        } else {
            arrays.giveBack(buffer.array());
        }
    }

    /** The transfer is over: the collector may have them. */
    void clear() {
        arrays.clear();
        direct.clear();
    }

    /** The few buffers of one kind that are kept, the larger ones first. */
    private static final class Kept<T> {
        private final ArrayDeque<T> free = new ArrayDeque<>();
        private final ToIntFunction<T> size;
        private final IntFunction<T> make;

        Kept(ToIntFunction<T> size, IntFunction<T> make) {
            this.size = size;
            this.make = make;
        }

        synchronized T take(int capacity) {
            for (Iterator<T> it = free.iterator(); it.hasNext(); ) {
                T buffer = it.next();
                if (size.applyAsInt(buffer) >= capacity) {
                    it.remove();
                    return buffer;
                }
            }
            return make.apply(capacity);
        }

        synchronized void giveBack(T buffer) {
            int given = size.applyAsInt(buffer);
            if (given > LARGEST_KEPT) {
                return;
            }
            if (free.size() == KEPT) {
                // keep the larger ones: a transfer asks for the same size again and again
                T smallest = free.stream().min((a, b) -> Integer.compare(size.applyAsInt(a), size.applyAsInt(b))).orElseThrow();
                if (size.applyAsInt(smallest) >= given) {
                    return;
                }
                free.remove(smallest);
            }
            free.push(buffer);
        }

        synchronized void clear() {
            free.clear();
        }
    }
}
