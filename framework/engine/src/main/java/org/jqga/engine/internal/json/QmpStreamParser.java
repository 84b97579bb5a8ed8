package org.jqga.engine.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;

/**
 * Streaming parser for qemu's JSON dialect, behaving like qemu-ga 7.2's json-lexer/json-streamer/json-parser:
 * input may be split anywhere and carry several values per chunk; lexical errors, limits and recovery produce the
 * same error texts at the same points. Not thread-safe; the listener must not call back into the parser.
 */
public final class QmpStreamParser {

    /** Receives each complete top-level value (any JSON type) or error, in stream order. */
    public interface Listener {
        void value(JsonNode value);

        /** {@code desc} is the complete qemu error text, e.g. "JSON parse error, expecting value". */
        void error(String desc);
    }

    /** qemu's limits: 64 MiB of token bytes per value, 2 Mi tokens per value, nesting depth 1024. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_TOKENS = 2 << 20;
    public static final int DEFAULT_MAX_DEPTH = 1024;

    private static final int CHUNK = 8192;

    private final JsonStreamer streamer;
    private final JsonLexer lexer;
    private byte[] scratch;

    public QmpStreamParser() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_TOKENS, DEFAULT_MAX_DEPTH);
    }

    /** Smaller limits for tests; {@code maxBytes} bounds both a single token and the sum over a value. */
    public QmpStreamParser(long maxBytes, int maxTokens, int maxDepth) {
        this(maxBytes, maxTokens, maxDepth, DecodeBuffers.NONE);
    }

    /** @param decodeBuffers where large canonical base64 strings are decoded to as they are read */
    public QmpStreamParser(DecodeBuffers decodeBuffers) {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_TOKENS, DEFAULT_MAX_DEPTH, decodeBuffers);
    }

    QmpStreamParser(long maxBytes, int maxTokens, int maxDepth, DecodeBuffers decodeBuffers) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16 || maxTokens < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits out of range");
        }
        streamer = new JsonStreamer(maxBytes, maxTokens, maxDepth);
        lexer = new JsonLexer(streamer, (int) maxBytes, decodeBuffers);
    }

    /** Consumes all remaining bytes of {@code input}, calling the listener for every value or error completed. */
    public void feed(ByteBuffer input, Listener listener) {
        streamer.listener(listener);
        try {
            if (input.hasArray()) {
                int start = input.arrayOffset() + input.position();
                int end = input.arrayOffset() + input.limit();
                input.position(input.limit());
                lexer.feed(input.array(), start, end);
            } else {
                if (scratch == null) {
                    scratch = new byte[CHUNK];
                }
                while (input.hasRemaining()) {
                    int n = Math.min(CHUNK, input.remaining());
                    input.get(scratch, 0, n);
                    lexer.feed(scratch, 0, n);
                }
            }
        } finally {
            streamer.listener(null);
        }
    }

    /** Forgets any partial value and lexer state, as if freshly created. */
    public void reset() {
        lexer.reset();
        streamer.reset();
    }
}
