package org.jqga.engine.internal.json;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Converts number and keyword tokens into values the way qemu's parser does. */
final class JsonLiterals {
    /** qemu formats parse error details into a 1024-byte buffer, so longer details lose their tail. */
    static final int MAX_DETAIL_BYTES = 1023;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonLiterals() {
    }

    /** Integer token: int64 if it fits, else uint64 if non-negative and it fits, else double. */
    static Object integer(byte[] token, int length) {
        String text = new String(token, 0, length, StandardCharsets.ISO_8859_1);
        boolean negative = text.charAt(0) == '-';
        int digits = negative ? length - 1 : length;
        if (digits <= 18) {
            return NODES.numberNode(Long.parseLong(text)); // "-0" becomes 0
        }
        if (digits <= 20) {
            BigInteger value = new BigInteger(text);
            if (value.bitLength() <= 63) {
                return NODES.numberNode(value.longValue());
            }
            if (!negative && value.bitLength() <= 64) {
                return NODES.numberNode(value);
            }
        }
        return DoubleNode.valueOf(Double.parseDouble(text));
    }

    static Object floating(byte[] token, int length) {
        return DoubleNode.valueOf(Double.parseDouble(new String(token, 0, length, StandardCharsets.ISO_8859_1)));
    }

    static Object keyword(byte[] token, int length) {
        if (is(token, length, "true")) {
            return BooleanNode.TRUE;
        }
        if (is(token, length, "false")) {
            return BooleanNode.FALSE;
        }
        if (is(token, length, "null")) {
            return NullNode.instance;
        }
        // Keywords are [a-z]+, so bytes and characters coincide and the limit can be applied to the string.
        int keep = Math.min(length, MAX_DETAIL_BYTES);
        String detail = "invalid keyword '" + new String(token, 0, keep, StandardCharsets.ISO_8859_1) + "'";
        return new ParseFailure(detail.length() > MAX_DETAIL_BYTES ? detail.substring(0, MAX_DETAIL_BYTES) : detail);
    }

    private static boolean is(byte[] token, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (token[i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
