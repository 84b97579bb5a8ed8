package org.jqga.commands.file.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jqga.api.ByteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes of a guest file that a large guest-file-read's reply reads while it is written, on the threads that encode
 * them: the first piece goes out after 192 KiB have been read instead of the whole chunk (for 4 MiB chunks the
 * host's reads took 0.4 instead of 1.1 ms to their first byte), and no buffer of the chunk's size is needed.
 *
 * <p>The reply states the count first, from the file's size when the read began. Should the file shrink before its
 * bytes have been read, or the handle be closed by another session meanwhile, the bytes that can no longer be had are
 * sent as zeros and a warning is logged: the alternative, a reply cut short, would leave the host's parser waiting for
 * the rest of a line that never comes.
 */
final class FileRegion implements ByteSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileRegion.class);

    private final OpenFile file;
    private final long start;
    private final int length;
    private volatile boolean warned;

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
        if (file.readAt(start + offset, target)) {
            return;
        }
        if (!warned) {
            warned = true;
            LOG.warn("guest-file-read of handle {}: the file no longer had bytes {} to {} (it shrank, failed or was "
                    + "closed while they were sent); they were sent as zeros", file.handle(), start + offset,
                    start + length);
        }
        while (target.hasRemaining()) {
            target.put((byte) 0);
        }
    }
}
