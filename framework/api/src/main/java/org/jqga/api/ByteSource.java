package org.jqga.api;

import java.nio.ByteBuffer;

/**
 * Bytes a result carries as base64 that the engine reads only while it writes the reply, a piece at a time, instead
 * of a buffer filled before the command returns: a guest-file-read of 4 MiB then sends its first characters after
 * reading 192 KiB rather than all of it, and the file is read on the threads that encode it.
 *
 * <p>The reply states how many bytes come before it carries them, so {@link #length()} is fixed when the command
 * returns, and {@link #read} must fill what it is asked for. Reads may come from two threads at once, for different
 * ranges, and end when the reply has been written; nothing tells the source, so it should hold nothing that needs
 * closing (a guest file's source reads through its handle, which the host closes).
 *
 * @since 1.5
 */
public interface ByteSource {

    /** The number of bytes, which the reply states before it carries them. */
    long length();

    /**
     * Fills {@code target} from its position to its limit with the bytes from {@code offset}. Where the bytes can no
     * longer be had (a file truncated meanwhile), leave the rest of {@code target} unfilled, or throw: the reply has
     * already promised them, so the engine sends zeros in their place and logs a warning naming the source (its
     * {@code toString()}) once per reply.
     */
    void read(long offset, ByteBuffer target);
}
