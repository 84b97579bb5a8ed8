package org.jqga.engine.internal.json;

/**
 * qemu's json-streamer: collects tokens until braces and brackets balance (or a closer goes negative), enforces the
 * per-value limits, and hands complete values to the parser. Any error drops everything collected so far.
 */
final class JsonStreamer implements TokenSink {
    private final long maxBytes;
    private final int maxTokens;
    private final int maxDepth;
    private final TokenQueue queue = new TokenQueue();
    private final JsonTokenParser parser = new JsonTokenParser();
    private QmpStreamParser.Listener listener;
    private int braces;
    private int brackets;
    private long pendingBytes;

    JsonStreamer(long maxBytes, int maxTokens, int maxDepth) {
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
        if (admit(type, length)) {
            collect(type, payload(type, text, length), length);
        }
    }

    @Override
    public void base64String(DecodedBase64Node value, int length) {
        if (admit(TokenType.STRING, length)) {
            collect(TokenType.STRING, value, length);
        }
    }

    @Override
    public void oversized(int length) {
        admit(TokenType.OVERSIZED, length); // longer than the limit, it fails the size check: qemu's error
    }

    /** The same checks, in the same order, as qemu's; false when one failed and everything collected is dropped. */
    private boolean admit(int type, int length) {
        switch (type) {
            case TokenType.LEFT_BRACE -> braces++;
            case TokenType.RIGHT_BRACE -> braces--;
            case TokenType.LEFT_BRACKET -> brackets++;
            case TokenType.RIGHT_BRACKET -> brackets--;
            default -> {
            }
        }
        // the +1 was qemu's NUL terminator
        if (pendingBytes + length + 1 > maxBytes) {
            fail("JSON token size limit exceeded");
            return false;
        }
        if (queue.size() + 1 > maxTokens) {
            fail("JSON token count limit exceeded");
            return false;
        }
        if (braces + brackets > maxDepth) {
            fail("JSON nesting depth limit exceeded");
            return false;
        }
        return true;
    }

    private void collect(int type, Object payload, int length) {
        queue.add(type, payload);
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
            case TokenType.STRING -> JsonStringDecoder.decode(text, length);
            case TokenType.INTEGER -> JsonLiterals.integer(text, length);
            case TokenType.FLOAT -> JsonLiterals.floating(text, length);
            case TokenType.KEYWORD -> JsonLiterals.keyword(text, length);
            default -> null;
        };
    }
}
