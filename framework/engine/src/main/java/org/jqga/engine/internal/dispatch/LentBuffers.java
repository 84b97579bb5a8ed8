package org.jqga.engine.internal.dispatch;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.jqga.engine.internal.json.DecodeBuffers;

/**
 * The buffers {@link org.jqga.api.CommandContext#lendBuffer(int)} lends. A host reading a file in 4 MiB chunks would
 * otherwise allocate 4 MiB per request; the serial collector promotes such arrays when a young collection meets one
 * in use, and a full collection every few requests cost a third of the read throughput. A buffer comes back once its
 * reply has been written; those a handler failed or was abandoned with are left to the collector.
 *
 * <p>A large buffer is direct: a file is read straight into it and its base64 encoded from there to the socket, and a
 * large base64 argument is decoded into one and the file written from it, where an array would cost a copy of every
 * byte on its way to or from the kernel. Reads and writes share them: a host that reads a file after writing one gets
 * the buffer its writes were decoded to, rather than the agent holding one of each.
 */
final class LentBuffers implements DecodeBuffers {

    /**
     * Up to the largest chunk qemu's limits let through (48 MiB and the bytes of a last group: 64 MiB of base64): a
     * host writing 40 MiB chunks would otherwise cost a new 40 MiB of native memory per request, which only a
     * collection gives back. Kept ones go when the host is quiet ({@link #clear}).
     */
    static final int LARGEST_KEPT = (48 << 20) + 3;
    /** From this size a lent buffer is direct; a few kilobytes of native memory would cost more than they save. */
    static final int DIRECT_FROM = 64 * 1024;
    /** One per session that can be moving data at the same time: the host's and an admin's. */
    private static final int KEPT = 2;

    private final Kept<byte[]> arrays = new Kept<>(array -> array.length, byte[]::new);
    private final Kept<ByteBuffer> direct = new Kept<>(ByteBuffer::capacity, ByteBuffer::allocateDirect);

    @Override
    public ByteBuffer lend(int capacity) {
        if (capacity < DIRECT_FROM) {
            return ByteBuffer.wrap(arrays.take(capacity), 0, capacity);
        }
        return direct.take(capacity).clear().limit(capacity);
    }

    @Override
    public ByteBuffer allocate(int capacity) {
        return capacity < DIRECT_FROM ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    /** A buffer {@link #lend} or {@link #allocate} made, which its holder no longer uses. */
    @Override
    public void giveBack(ByteBuffer buffer) {
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
                T smallest = free.stream().min(Comparator.comparingInt(size)).orElseThrow();
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
