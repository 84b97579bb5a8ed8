package org.jqga.engine.internal.json;

import java.util.Arrays;

/**
 * Tokens of the value being collected, as parallel arrays (type + converted payload) so that a request with
 * millions of tokens costs no per-token wrapper objects. Payloads: JsonNode for literals, String for strings,
 * {@link ParseFailure} for literals that cannot be converted, null for structural tokens.
 */
final class TokenQueue {
    private static final int INITIAL_CAPACITY = 64;
    private static final int RETAINED_CAPACITY_LIMIT = 1 << 12;

    private int[] types = new int[INITIAL_CAPACITY];
    private Object[] payloads = new Object[INITIAL_CAPACITY];
    private int size;
    private int head;

    int size() {
        return size;
    }

    void add(int type, Object payload) {
        if (size == types.length) {
            int capacity = size * 2;
            types = Arrays.copyOf(types, capacity);
            payloads = Arrays.copyOf(payloads, capacity);
        }
        types[size] = type;
        payloads[size] = payload;
        size++;
    }

    /** Type of the next unread token, or -1 when all are read. */
    int peekType() {
        return head < size ? types[head] : -1;
    }

    /** Reads the next token and returns its type, or -1 when all are read. */
    int popType() {
        return head < size ? types[head++] : -1;
    }

    /** Payload of the token most recently popped. */
    Object poppedPayload() {
        return payloads[head - 1];
    }

    void clear() {
        if (types.length > RETAINED_CAPACITY_LIMIT) {
            types = new int[INITIAL_CAPACITY];
            payloads = new Object[INITIAL_CAPACITY];
        } else {
            Arrays.fill(payloads, 0, size, null);
        }
        size = 0;
        head = 0;
    }
}
