package org.jqga.transport.virtio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads lines from a channel on a background thread, so that tests can wait for them with a timeout. */
final class LineReader {

    static final String EOF = "<EOF>";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    LineReader(ReadableByteChannel channel, String name) {
        Thread thread = new Thread(() -> readAll(channel), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next line, {@link #EOF} at end of stream or on an error, or null if none came in time. */
    String next(Duration timeout) throws InterruptedException {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readAll(ReadableByteChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // reported as EOF below: the peer is gone either way
        }
        lines.add(EOF);
    }
}
