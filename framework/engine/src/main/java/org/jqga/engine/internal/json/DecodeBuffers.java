package org.jqga.engine.internal.json;

import java.nio.ByteBuffer;

/**
 * Where large base64 strings are decoded to as they are read: buffers the engine lends for the request and takes back
 * once its reply is out (see {@link DecodedBase64Node#lentBuffer()}).
 */
public interface DecodeBuffers {

    /** New heap buffers, nobody's to take back: for a parser without an engine. */
    DecodeBuffers NONE = new DecodeBuffers() {
        @Override
        public ByteBuffer lend(int capacity) {
            return ByteBuffer.allocate(capacity);
        }

        @Override
        public ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocate(capacity);
        }

        @Override
        public void giveBack(ByteBuffer buffer) {
            // the collector's
        }
    };

    /** A buffer of at least {@code capacity} bytes, heap or direct, holding anything. */
    ByteBuffer lend(int capacity);

    /**
     * A new buffer of {@code capacity} bytes, of the kind {@link #lend} gives at that size, which nobody but the parser
     * has seen: one a string grows into.
     */
    ByteBuffer allocate(int capacity);

    /** A lent buffer the parser did not keep: outgrown, or the string turned out not to be base64. */
    void giveBack(ByteBuffer buffer);
}
