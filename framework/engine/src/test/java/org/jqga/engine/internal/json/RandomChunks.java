package org.jqga.engine.internal.json;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Splits input as a host might: random lengths, as heap, sliced heap or direct buffers (the parser's two paths). */
public final class RandomChunks {

    /** Consumes a chunk; it must take all of it. */
    public interface Receiver {
        void receive(ByteBuffer chunk) throws java.io.IOException;
    }

    private RandomChunks() {
    }

    /** Chunks of 1 to {@code maxChunk} bytes, each checked to be consumed whole. */
    public static void feed(byte[] input, int maxChunk, SplittableRandom random, Receiver receiver) throws java.io.IOException {
        int at = 0;
        while (at < input.length) {
            int length = Math.min(input.length - at, 1 + random.nextInt(Math.max(1, maxChunk)));
            ByteBuffer chunk = switch (random.nextInt(3)) {
                case 0 -> ByteBuffer.wrap(input, at, length);
                case 1 -> ByteBuffer.wrap(input).position(at).slice().limit(length);
                default -> ByteBuffer.allocateDirect(length).put(input, at, length).flip();
            };
            receiver.receive(chunk);
            if (chunk.hasRemaining()) {
                throw new AssertionError(chunk.remaining() + " bytes of a chunk left unconsumed");
            }
            at += length;
        }
    }
}
