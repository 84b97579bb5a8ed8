package org.jqga.engine.internal.json;

import java.nio.charset.StandardCharsets;

/**
 * Turns a complete string token (quotes included) into its value with qemu's rules: the escapes of JSON plus
 * {@code \'}, surrogate pairs in backslash-u escapes, and modified-UTF-8 validation of the raw bytes. Returns
 * a {@link String} or a {@link ParseFailure} carrying qemu's detail text. (Large canonical base64 never comes here:
 * the lexer decodes it as it reads it.)
 */
final class JsonStringDecoder {

    private JsonStringDecoder() {
    }

    static Object decode(byte[] token, int length) {
        int bodyEnd = length - 1; // index of the closing quote
        if (isPlainAscii(token, 1, bodyEnd)) {
            return new String(token, 1, bodyEnd - 1, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[bodyEnd - 1];
        int n = 0;
        int quote = token[0];
        int p = 1;
        while (token[p] != quote) {
            int b = token[p] & 0xFF;
            if (b == '\\') {
                int escapeStart = p;
                int c = at(token, p + 1, length);
                p += 2;
                switch (c) {
                    case '"', '\'', '\\', '/' -> out[n++] = (char) c;
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        int cp = hex4(token, p, length);
                        p += 4;
                        if (cp >= 0xD800 && cp <= 0xDBFF && at(token, p, length) == '\\'
                                && at(token, p + 1, length) == 'u') {
                            int trailing = hex4(token, p + 2, length);
                            if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
                                cp = 0x10000 + ((cp & 0x3FF) << 10) | (trailing & 0x3FF);
                                p += 6;
                            } else {
                                cp = ModifiedUtf8.INVALID;
                            }
                        }
                        if (!ModifiedUtf8.isValidCodePoint(cp)) {
                            return invalidCharacter(token, escapeStart, p, length);
                        }
                        n = put(out, n, cp);
                    }
                    default -> {
                        return new ParseFailure("invalid escape sequence in string");
                    }
                }
            } else {
                long d = ModifiedUtf8.decode(token, p, length);
                int cp = ModifiedUtf8.codePoint(d);
                if (cp < 0) {
                    return new ParseFailure("invalid UTF-8 sequence in string");
                }
                p = ModifiedUtf8.end(d);
                n = put(out, n, cp);
            }
        }
        return new String(out, 0, n);
    }

    private static boolean isPlainAscii(byte[] token, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = token[i];
            if (b < 0 || b == '\\') {
                return false;
            }
        }
        return true;
    }

    /** qemu prints the escape as the bytes from the backslash to where its cursor stopped, C-string style. */
    private static ParseFailure invalidCharacter(byte[] token, int from, int to, int length) {
        int end = Math.min(to, length);
        String escape = ModifiedUtf8.decodeLenient(token, from, end);
        return new ParseFailure(escape + " is not a valid Unicode character");
    }

    private static int put(char[] out, int n, int cp) {
        if (cp > 0xFFFF) {
            out[n++] = Character.highSurrogate(cp);
            out[n++] = Character.lowSurrogate(cp);
        } else {
            out[n++] = (char) cp;
        }
        return n;
    }

    /** Four hex digits or -1; bytes past the token read as NUL (the C string terminator), which is no digit. */
    private static int hex4(byte[] token, int from, int length) {
        int cp = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexValue(at(token, from + i, length));
            if (digit < 0) {
                return -1;
            }
            cp = (cp << 4) | digit;
        }
        return cp;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int at(byte[] token, int index, int length) {
        return index < length ? token[index] & 0xFF : 0;
    }
}
