package org.jqga.commands.file.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jqga.api.ByteSource;

/**
 * Bytes of a guest file that a large guest-file-read's reply reads while it is written, on the threads that encode
 * them: the first piece goes out after 192 KiB have been read instead of the whole chunk (for 4 MiB chunks the
 * host's reads took 0.4 instead of 1.1 ms to their first byte), and no buffer of the chunk's size is needed.
 *
 * <p>The reply states the count first, from the file's size when the read began. Should the file shrink before its
 * bytes have been read, or the handle be closed by another session meanwhile, the bytes that can no longer be had are
 * left unread, and the engine sends zeros in their place with a warning: the alternative, a reply cut short, would
 * leave the host's parser waiting for the rest of a line that never comes.
 */
final class FileRegion implements ByteSource {

    private final OpenFile file;
    private final long start;
    private final int length;

    FileRegion(OpenFile file, long start, int length) {
        this.file = file;
        this.start = start;
        this.length = length;
    }

    /**
     * Whether the size of the file at {@code path} (where its descriptor leads) is its content's: not so in /proc and
     * /sys, where the kernel makes a file's content up as it is read.
     */
    static boolean sizeTellsContent(Path path) {
        return !path.startsWith("/proc") && !path.startsWith("/sys");
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void read(long offset, ByteBuffer target) {
        file.readAt(start + offset, target);
    }

    /** What the engine's warning names, should the file no longer have some of these bytes. */
    @Override
    public String toString() {
        return "guest-file-read of handle " + file.handle() + " (bytes " + start + " to " + (start + length) + ")";
    }
}
