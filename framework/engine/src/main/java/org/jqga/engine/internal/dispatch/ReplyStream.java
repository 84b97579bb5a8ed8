package org.jqga.engine.internal.dispatch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.jqga.api.transport.ReplySink;

/**
 * Replies on their way to the transport, in chunks of a fixed buffer: a small reply is one write, and a
 * 64 MiB one never needs a second 64 MiB of memory. Pieces of a chunk or more (encoded file data) go to the
 * transport from the caller's array, or from the caller's direct buffer (as a channel).
 */
final class ReplyStream extends OutputStream implements WritableByteChannel {

    private static final int CHUNK = 64 * 1024;

    private final ReplySink sink;
    private final byte[] buffer = new byte[CHUNK];
    private int used;

    ReplyStream(ReplySink sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length >= CHUNK) {
            // a piece of file data: straight from the caller's array, after what is buffered, without copying it here
            flush();
            sink.send(ByteBuffer.wrap(bytes, offset, length));
            return;
        }
        while (length > 0) {
            if (used == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - used);
            System.arraycopy(bytes, offset, buffer, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    /** Sends what is buffered, then all of {@code piece} straight from where it is. */
    @Override
    public int write(ByteBuffer piece) throws IOException {
        flush();
        int length = piece.remaining();
        sink.send(piece);
        return length;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void flush() throws IOException {
        if (used > 0) {
            try {
                sink.send(ByteBuffer.wrap(buffer, 0, used));
            } finally {
                used = 0;
            }
        }
    }
}
