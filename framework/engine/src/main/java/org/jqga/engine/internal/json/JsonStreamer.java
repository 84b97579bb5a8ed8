package org.jqga.engine.internal.json;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * qemu's json-streamer: collects tokens until braces and brackets balance (or a closer goes negative), enforces the
 * per-value limits, and hands complete values to the parser. Any error drops everything collected so far.
 */
final class JsonStreamer implements TokenSink {
    private final IntFunction<ByteBuffer> decodeBuffers;
    private final long maxBytes;
    private final int maxTokens;
    private final int maxDepth;
    private final TokenQueue queue = new TokenQueue();
    private final JsonTokenParser parser = new JsonTokenParser();
    private QmpStreamParser.Listener listener;
    private int braces;
    private int brackets;
    private long pendingBytes;

    JsonStreamer(long maxBytes, int maxTokens, int maxDepth, IntFunction<ByteBuffer> decodeBuffers) {
        this.decodeBuffers = decodeBuffers;
        this.maxBytes = maxBytes;
        this.maxTokens = maxTokens;
        this.maxDepth = maxDepth;
    }

    void listener(QmpStreamParser.Listener listener) {
        this.listener = listener;
    }

    void reset() {
        braces = 0;
        brackets = 0;
        pendingBytes = 0;
        queue.clear();
    }

    @Override
    public void token(int type, byte[] text, int length) {
        switch (type) {
            case TokenType.LEFT_BRACE -> braces++;
            case TokenType.RIGHT_BRACE -> braces--;
            case TokenType.LEFT_BRACKET -> brackets++;
            case TokenType.RIGHT_BRACKET -> brackets--;
            default -> {
            }
        }
        // The same checks, in the same order, as qemu (the +1 was its NUL terminator).
        if (pendingBytes + length + 1 > maxBytes) {
            fail("JSON token size limit exceeded");
            return;
        }
        if (queue.size() + 1 > maxTokens) {
            fail("JSON token count limit exceeded");
            return;
        }
        if (braces + brackets > maxDepth) {
            fail("JSON nesting depth limit exceeded");
            return;
        }
        queue.add(type, payload(type, text, length));
        pendingBytes += length;
        if ((braces > 0 || brackets > 0) && braces >= 0 && brackets >= 0) {
            return;
        }
        Object result = parser.parse(queue);
        reset();
        if (result instanceof ParseFailure failure) {
            listener.error("JSON parse error, " + failure.detail());
        } else {
            listener.value((com.fasterxml.jackson.databind.JsonNode) result);
        }
    }

    @Override
    public void lexicalError(byte[] text, int length) {
        String stray = ModifiedUtf8.decodeLenient(text, 0, length);
        fail("JSON parse error, stray '" + stray + "'");
    }

    private void fail(String desc) {
        reset();
        listener.error(desc);
    }

    private Object payload(int type, byte[] text, int length) {
        return switch (type) {
            case TokenType.STRING -> JsonStringDecoder.decode(text, length, decodeBuffers);
            case TokenType.INTEGER -> JsonLiterals.integer(text, length);
            case TokenType.FLOAT -> JsonLiterals.floating(text, length);
            case TokenType.KEYWORD -> JsonLiterals.keyword(text, length);
            default -> null;
        };
    }
}
