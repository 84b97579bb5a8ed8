package org.jqga.commands.file.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A few reusable native buffers that file data passes through on its way between a descriptor and the heap. jnr
 * hands a heap array to read(2) and write(2) through a temporary native copy of the whole array: a 4 MiB
 * guest-file-read would malloc 4 MiB per request, and glibc keeps what it freed, so the agent's memory would stay
 * at the transfer's peak. Through these chunks a transfer costs no native memory beyond them.
 */
final class NativeChunks {

    static final int CHUNK = 256 * 1024;
    /** One per request that can move data at the same time on a typical host; more are made and dropped. */
    private static final int KEPT = 2;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    synchronized ByteBuffer borrow() {
        ByteBuffer chunk = free.poll();
        return chunk != null ? chunk.clear() : ByteBuffer.allocateDirect(CHUNK);
    }

    synchronized void giveBack(ByteBuffer chunk) {
        if (free.size() < KEPT) {
            free.push(chunk);
        }
    }
}
