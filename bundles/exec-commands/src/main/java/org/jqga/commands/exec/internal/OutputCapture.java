package org.jqga.commands.exec.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * One captured output stream of a child: a thread of its own reads the pipe until end of file, keeping
 * the first {@value #LIMIT} bytes (qemu-ga's GUEST_EXEC_MAX_OUTPUT) and reading and discarding the rest,
 * so the child never blocks on a full pipe. {@link #close()} stops the thread at once: the pipe is a
 * {@link FileChannel}, whose close wakes a thread blocked reading it.
 */
final class OutputCapture {

    static final int LIMIT = 16 * 1024 * 1024;

    private static final int READ_SIZE = 64 * 1024;
    private static final int INITIAL_CAPACITY = 4 * 1024;

    private final FileChannel pipe;
    private final Thread reader;
    private byte[] data = new byte[0];
    private int length;
    private boolean truncated;
    private volatile boolean atEnd;

    private OutputCapture(FileChannel pipe, String threadName) {
        this.pipe = pipe;
        this.reader = ChildThreads.start(threadName, this::drain);
    }

    static OutputCapture start(FileChannel pipe, String threadName) {
        return new OutputCapture(pipe, threadName);
    }

    /** True once the pipe reached end of file (every writer closed it) or failed, or after {@link #close()}. */
    boolean atEnd() {
        return atEnd;
    }

    synchronized int length() {
        return length;
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /** The captured bytes (not a copy when the capture is full), null when nothing was captured. */
    synchronized byte[] bytes() {
        if (length == 0) {
            return null;
        }
        return length == data.length ? data : Arrays.copyOf(data, length);
    }

    /** Closes the pipe and waits briefly for the reading thread to end. */
    void close() {
        ChildThreads.closeQuietly(pipe);
        ChildThreads.join(reader);
    }

    private void drain() {
        ByteBuffer buffer = ByteBuffer.allocate(READ_SIZE);
        try {
            while (pipe.read(buffer.clear()) >= 0) {
                keep(buffer.flip());
            }
        } catch (IOException e) {
            // closed by close(), or a read error: either way no more output will come, as in qemu-ga
        } finally {
            ChildThreads.closeQuietly(pipe);
            atEnd = true;
        }
    }

    private synchronized void keep(ByteBuffer chunk) {
        int room = LIMIT - length;
        int kept = Math.min(room, chunk.remaining());
        if (kept < chunk.remaining()) {
            truncated = true;
        }
        if (kept == 0) {
            return;
        }
        if (length + kept > data.length) {
            int capacity = Math.max(INITIAL_CAPACITY, data.length);
            while (capacity < length + kept) {
                capacity = (int) Math.min((long) capacity * 2, LIMIT);
            }
            data = Arrays.copyOf(data, capacity);
        }
        chunk.get(data, length, kept);
        length += kept;
    }
}
