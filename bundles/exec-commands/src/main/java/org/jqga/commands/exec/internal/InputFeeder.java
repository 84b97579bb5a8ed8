package org.jqga.commands.exec.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes guest-exec's {@code input-data} into the child's stdin pipe on a thread of its own, then closes
 * the pipe so the child sees end of file. A child that exits without reading makes the write fail with
 * EPIPE (the JVM does not die of SIGPIPE); the rest of the input is then dropped, as in qemu-ga.
 */
final class InputFeeder {

    private final FileChannel pipe;
    private final Thread writer;

    private InputFeeder(FileChannel pipe, byte[] input, String threadName) {
        this.pipe = pipe;
        this.writer = ChildThreads.start(threadName, () -> feed(input));
    }

    static InputFeeder start(FileChannel pipe, byte[] input, String threadName) {
        return new InputFeeder(pipe, input, threadName);
    }

    /** Stops feeding (a child that never reads would otherwise hold the thread) and closes the pipe. */
    void close() {
        ChildThreads.closeQuietly(pipe);
        ChildThreads.join(writer);
    }

    private void feed(byte[] input) {
        ByteBuffer remaining = ByteBuffer.wrap(input);
        try {
            while (remaining.hasRemaining()) {
                pipe.write(remaining);
            }
        } catch (IOException e) {
            // the child closed its stdin, or close() stopped us
        } finally {
            ChildThreads.closeQuietly(pipe);
        }
    }
}
