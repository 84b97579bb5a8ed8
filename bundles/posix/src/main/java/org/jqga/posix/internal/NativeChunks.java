package org.jqga.posix.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A few reusable native buffers that large heap buffers pass through in read(2) and write(2). jnr hands a heap array
 * to a native call through a temporary native copy of the whole array: a 4 MiB guest-file-read would malloc 4 MiB per
 * call, and glibc keeps what it freed, so the agent's memory would stay at a transfer's peak. Through these chunks
 * a transfer costs no native memory beyond them.
 */
public final class NativeChunks {

    public static final int CHUNK = 256 * 1024;
    /** One per call that can move data at the same time on a typical host; more are made and dropped. */
    private static final int KEPT = 2;

    private static final ArrayDeque<ByteBuffer> FREE = new ArrayDeque<>();

    private NativeChunks() {
    }

    public static synchronized ByteBuffer borrow() {
        ByteBuffer chunk = FREE.poll();
        return chunk != null ? chunk.clear() : ByteBuffer.allocateDirect(CHUNK);
    }

    public static synchronized void giveBack(ByteBuffer chunk) {
        if (FREE.size() < KEPT) {
            FREE.push(chunk);
        }
    }
}
