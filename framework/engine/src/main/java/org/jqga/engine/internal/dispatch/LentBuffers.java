package org.jqga.engine.internal.dispatch;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The buffers {@link org.jqga.api.CommandContext#lendBuffer(int)} lends. A host reading a file in 4 MiB chunks would
 * otherwise allocate 4 MiB per request; the serial collector promotes such arrays when a young collection meets one
 * in use, and a full collection every few requests cost a third of the read throughput. A buffer comes back once its
 * reply has been written; those a handler failed or was abandoned with are left to the collector.
 */
final class LentBuffers {

    /** A 48 MiB read is rare enough to allocate each time; keeping its buffer would cost the idle agent. */
    static final int LARGEST_KEPT = 16 << 20;
    /** One per session that can be moving data at the same time: the host's and an admin's. */
    private static final int KEPT = 2;

    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    ByteBuffer lend(int capacity) {
        return ByteBuffer.wrap(take(capacity), 0, capacity);
    }

    /**
     * An array of at least {@code capacity} bytes. Reads and writes share them: a host that reads a file after
     * writing one gets the array its writes were decoded to, rather than a heap holding one of each.
     */
    synchronized byte[] take(int capacity) {
        for (Iterator<byte[]> it = free.iterator(); it.hasNext(); ) {
            byte[] array = it.next();
            if (array.length >= capacity) {
                it.remove();
                return array;
            }
        }
        return new byte[capacity];
    }

    synchronized void giveBack(byte[] array) {
        if (array.length > LARGEST_KEPT) {
            return;
        }
        if (free.size() == KEPT) {
            // keep the larger ones: a transfer asks for the same size again and again
            byte[] smallest = free.stream().min((a, b) -> Integer.compare(a.length, b.length)).orElseThrow();
            if (smallest.length >= array.length) {
                return;
            }
            free.remove(smallest);
        }
        free.push(array);
    }

    /** The transfer is over: the collector may have them. */
    synchronized void clear() {
        free.clear();
    }
}
