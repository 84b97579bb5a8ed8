package org.jqga.engine.internal.json;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * Byte-driven table lexer with the same states, transitions and error recovery as qemu's json-lexer.c, so that
 * tokens, "stray" texts and resynchronisation points match qemu-ga byte for byte. Input may stop anywhere; a
 * number or keyword at the end of the input stays pending until the next byte shows where it ends. A string that
 * reaches 16 KiB as base64 is decoded from there on as it comes ({@link Base64StringBody}), not collected as text.
 */
final class JsonLexer {

    // States share the int space with TokenType (16..26) and ERROR (0) so one table lookup yields either.
    private static final int ERROR = 0;
    private static final int RECOVERY = 1;
    private static final int DQ_ESCAPE = 2;
    private static final int DQ_STRING = 3;
    private static final int SQ_ESCAPE = 4;
    private static final int SQ_STRING = 5;
    private static final int ZERO = 6;
    private static final int EXP_DIGITS = 7;
    private static final int EXP_SIGN = 8;
    private static final int EXP_E = 9;
    private static final int MANTISSA = 10;
    private static final int MANTISSA_DIGITS = 11;
    private static final int DIGITS = 12;
    private static final int SIGN = 13;
    private static final int IN_KEYWORD = 14;
    private static final int START = 15;
    private static final int STATES = 16;

    /** Transition needs look-ahead: the byte is not part of the finished token and is looked at again. */
    private static final int LOOKAHEAD = 0x40;

    private static final int[] TABLE = buildTable();

    /** Smallest buffer kept between tokens; a buffer grown by a huge token is dropped after it. */
    private static final int INITIAL_BUFFER = 256;
    private static final int RETAINED_BUFFER_LIMIT = 1 << 16;
    /** About two requests' worth: a guest-file-read or -close request has a dozen tokens. */
    private static final int SMALL_TOKENS_BEFORE_SHRINK = 32;

    /** Where a string's body is tried for base64: its opening quote and the body's first characters. */
    private static final int BASE64_FROM = 1 + Base64StringBody.MIN_TEXT_LENGTH;

    private final TokenSink sink;
    private final int maxTokenBytes;
    private final DecodeBuffers decodeBuffers;
    /** Made at the first large string: its tables would cost the first guest-ping of an agent milliseconds. */
    private Base64StringBody base64;
    private int state = START;
    private byte[] token = new byte[INITIAL_BUFFER];
    private int length;
    private int smallTokensSinceHuge;
    /**
     * A huge token's buffer, held weakly once small tokens showed the transfer pausing: a host that reads a file
     * between two writes gets it back for its next write, instead of a buffer grown again by doubling (the arrays in
     * use when a young collection came were promoted, and the old generation grew at the start of every write pass:
     * peak RSS). Only a full collection clears it, such as the one the engine runs once the host is quiet.
     */
    private WeakReference<byte[]> pausedHugeBuffer;

    /**
     * @param maxTokenBytes a token longer than this is cut off and reported as {@link TokenSink#oversized}
     * @param decodeBuffers where large base64 strings are decoded to as they are read
     */
    JsonLexer(TokenSink sink, int maxTokenBytes, DecodeBuffers decodeBuffers) {
        this.sink = sink;
        this.maxTokenBytes = maxTokenBytes;
        this.decodeBuffers = decodeBuffers;
    }

    void reset() {
        state = START;
        length = 0;
        if (base64 != null) {
            base64.abandon();
        }
        if (token.length > RETAINED_BUFFER_LIMIT) {
            token = new byte[INITIAL_BUFFER];
        }
    }

    void feed(byte[] input, int offset, int end) {
        int i = offset;
        while (i < end) {
            if (state == DQ_STRING || state == SQ_STRING) {
                int quote = state == DQ_STRING ? '"' : '\'';
                if (base64 != null && base64.active()) {
                    int n = base64.decode(input, i, Math.min(end, i + maxTokenBytes + 1 - length));
                    i += n;
                    length += n;
                    if (checkTokenSize() || i == end) {
                        continue;
                    }
                    if (input[i] == quote) {
                        DecodedBase64Node value = base64.finish(length - 1);
                        if (value != null) {
                            i++;
                            int len = length + 1;
                            state = START;
                            length = 0;
                            sink.base64String(value, len);
                            continue;
                        }
                    }
                    textAgain(); // and the byte that ruled base64 out is lexed as text
                }
                // Bulk path for string bodies: copy the run of ordinary bytes at once.
                int run = plainStringRun(input, i, end, quote);
                if (run > 0) {
                    int n = Math.min(run, maxTokenBytes + 1 - length);
                    boolean tryBase64 = length < BASE64_FROM && length + n >= BASE64_FROM;
                    if (tryBase64) {
                        n = BASE64_FROM - length;
                    }
                    append(input, i, n);
                    i += n;
                    if (!checkTokenSize() && tryBase64) {
                        startBase64();
                    }
                    continue;
                }
            }
            feedByte(input[i] & 0xFF);
            i++;
        }
    }

    /** The body so far is all the lexer has of the string: from here on it is decoded, if it may be base64. */
    private void startBase64() {
        if (base64 == null) {
            base64 = new Base64StringBody(decodeBuffers, maxTokenBytes);
        }
        base64.start(token, 1, length);
    }

    /** The body decoded so far is not base64 after all: it becomes the text it was. */
    private void textAgain() {
        byte[] text = token;
        if (text.length < length) {
            text = new byte[(int) Math.max(length, Math.min(2L * length, maxTokenBytes + 1L))];
            text[0] = token[0];
        }
        int end = base64.writeText(text, 1);
        if (end != length) {
            throw new IllegalStateException("base64 body of " + length + " bytes came back as " + end);
        }
        token = text;
    }

    private void feedByte(int b) {
        boolean consumed = false;
        while (!consumed) {
            int next = TABLE[(state << 8) | b];
            consumed = (next & LOOKAHEAD) == 0;
            next &= ~LOOKAHEAD;
            if (consumed) {
                append(b);
            }
            switch (next) {
                case TokenType.LEFT_BRACE, TokenType.RIGHT_BRACE, TokenType.LEFT_BRACKET, TokenType.RIGHT_BRACKET,
                        TokenType.COLON, TokenType.COMMA, TokenType.INTEGER, TokenType.FLOAT, TokenType.KEYWORD,
                        TokenType.STRING -> {
                    int type = next;
                    state = START;
                    int len = length;
                    length = 0;
                    sink.token(type, token, len);
                    shrinkAfterHugeToken(len);
                    next = START;
                }
                case START -> length = 0;
                case ERROR -> {
                    int len = length;
                    length = 0;
                    state = RECOVERY;
                    sink.lexicalError(token, len);
                    shrinkAfterHugeToken(len);
                    next = RECOVERY;
                }
                case RECOVERY -> length = 0;
                default -> {
                }
            }
            state = next;
        }
        checkTokenSize();
    }

    /**
     * qemu cuts a token off once it exceeds the limit and lexes the rest of the input from scratch. True if it was
     * cut off.
     */
    private boolean checkTokenSize() {
        if (length <= maxTokenBytes) {
            return false;
        }
        int len = length;
        length = 0;
        state = START;
        if (base64 != null) {
            base64.abandon();
        }
        sink.oversized(len);
        // nobody sends oversized tokens on purpose: no reason to keep 64 MiB for the next one
        smallTokensSinceHuge = SMALL_TOKENS_BEFORE_SHRINK;
        shrinkAfterHugeToken(0);
        pausedHugeBuffer = null;
        return true;
    }

    /**
     * A host moving a file sends one huge token per request: its buffer is kept for the next one (growing it again
     * by doubling would allocate twice its size per request, and the garbage costs full GCs), and dropped once a few
     * requests' worth of small tokens show the transfer is over.
     */
    private void shrinkAfterHugeToken(int finishedLength) {
        if (token.length <= RETAINED_BUFFER_LIMIT) {
            return;
        }
        if (finishedLength > RETAINED_BUFFER_LIMIT) {
            smallTokensSinceHuge = 0;
        } else if (++smallTokensSinceHuge > SMALL_TOKENS_BEFORE_SHRINK && length == 0) {
            pausedHugeBuffer = new WeakReference<>(token);
            token = new byte[INITIAL_BUFFER];
        }
    }

    private static int plainStringRun(byte[] input, int from, int end, int quote) {
        int i = from;
        while (i < end) {
            int b = input[i] & 0xFF;
            if (b < 0x20 || b > 0xFD || b == quote || b == '\\') {
                break;
            }
            i++;
        }
        return i - from;
    }

    private void append(int b) {
        if (length == token.length) {
            grow(length + 1);
        }
        token[length++] = (byte) b;
    }

    private void append(byte[] src, int from, int n) {
        if (length + n > token.length) {
            grow(length + n);
        }
        System.arraycopy(src, from, token, length, n);
        length += n;
    }

    private void grow(int needed) {
        if (needed > RETAINED_BUFFER_LIMIT && pausedHugeBuffer != null) {
            byte[] paused = pausedHugeBuffer.get();
            pausedHugeBuffer = null;
            if (paused != null && paused.length >= needed) {
                System.arraycopy(token, 0, paused, 0, length);
                token = paused;
                return;
            }
        }
        // Never beyond the limit (+1: the byte that makes a token too long is appended before the check).
        long doubled = Math.max((long) token.length * 2, needed);
        int capacity = (int) Math.min(doubled, (long) maxTokenBytes + 1);
        token = Arrays.copyOf(token, Math.max(capacity, needed));
    }

    private static int[] buildTable() {
        int[] t = new int[STATES * 256];

        set(t, RECOVERY, 0x00, 0x1F, START | LOOKAHEAD);
        set(t, RECOVERY, 0x20, 0xFD, RECOVERY);
        set(t, RECOVERY, 0xFE, 0xFF, START | LOOKAHEAD);
        set(t, RECOVERY, '\t', '\t', RECOVERY);
        for (char c : "[]{}:,".toCharArray()) {
            set(t, RECOVERY, c, c, START | LOOKAHEAD);
        }

        set(t, DQ_ESCAPE, 0x20, 0xFD, DQ_STRING);
        set(t, DQ_STRING, 0x20, 0xFD, DQ_STRING);
        set(t, DQ_STRING, '\\', '\\', DQ_ESCAPE);
        set(t, DQ_STRING, '"', '"', TokenType.STRING);

        set(t, SQ_ESCAPE, 0x20, 0xFD, SQ_STRING);
        set(t, SQ_STRING, 0x20, 0xFD, SQ_STRING);
        set(t, SQ_STRING, '\\', '\\', SQ_ESCAPE);
        set(t, SQ_STRING, '\'', '\'', TokenType.STRING);

        set(t, ZERO, 0x00, 0xFF, TokenType.INTEGER | LOOKAHEAD);
        set(t, ZERO, '0', '9', ERROR);
        set(t, ZERO, '.', '.', MANTISSA);

        set(t, EXP_DIGITS, 0x00, 0xFF, TokenType.FLOAT | LOOKAHEAD);
        set(t, EXP_DIGITS, '0', '9', EXP_DIGITS);
        set(t, EXP_SIGN, '0', '9', EXP_DIGITS);
        set(t, EXP_E, '-', '-', EXP_SIGN);
        set(t, EXP_E, '+', '+', EXP_SIGN);
        set(t, EXP_E, '0', '9', EXP_DIGITS);

        set(t, MANTISSA_DIGITS, 0x00, 0xFF, TokenType.FLOAT | LOOKAHEAD);
        set(t, MANTISSA_DIGITS, '0', '9', MANTISSA_DIGITS);
        set(t, MANTISSA_DIGITS, 'e', 'e', EXP_E);
        set(t, MANTISSA_DIGITS, 'E', 'E', EXP_E);
        set(t, MANTISSA, '0', '9', MANTISSA_DIGITS);

        set(t, DIGITS, 0x00, 0xFF, TokenType.INTEGER | LOOKAHEAD);
        set(t, DIGITS, '0', '9', DIGITS);
        set(t, DIGITS, 'e', 'e', EXP_E);
        set(t, DIGITS, 'E', 'E', EXP_E);
        set(t, DIGITS, '.', '.', MANTISSA);
        set(t, SIGN, '0', '0', ZERO);
        set(t, SIGN, '1', '9', DIGITS);

        set(t, IN_KEYWORD, 0x00, 0xFF, TokenType.KEYWORD | LOOKAHEAD);
        set(t, IN_KEYWORD, 'a', 'z', IN_KEYWORD);

        set(t, START, '"', '"', DQ_STRING);
        set(t, START, '\'', '\'', SQ_STRING);
        set(t, START, '0', '0', ZERO);
        set(t, START, '1', '9', DIGITS);
        set(t, START, '-', '-', SIGN);
        set(t, START, '{', '{', TokenType.LEFT_BRACE);
        set(t, START, '}', '}', TokenType.RIGHT_BRACE);
        set(t, START, '[', '[', TokenType.LEFT_BRACKET);
        set(t, START, ']', ']', TokenType.RIGHT_BRACKET);
        set(t, START, ',', ',', TokenType.COMMA);
        set(t, START, ':', ':', TokenType.COLON);
        set(t, START, 'a', 'z', IN_KEYWORD);
        for (char c : " \t\r\n".toCharArray()) {
            set(t, START, c, c, START);
        }
        return t;
    }

    private static void set(int[] table, int state, int from, int to, int next) {
        for (int b = from; b <= to; b++) {
            table[(state << 8) | b] = next;
        }
    }
}
