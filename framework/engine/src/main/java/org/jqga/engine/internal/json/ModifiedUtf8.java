package org.jqga.engine.internal.json;

/**
 * qemu's notion of valid "modified UTF-8": strict UTF-8 (no overlong forms, no surrogates, nothing beyond
 * U+10FFFF) that additionally rejects Unicode noncharacters and accepts the two-byte form C0 80 for U+0000.
 * The same rules decide what the parser accepts inside strings and which bytes qemu's writer turns into U+FFFD.
 */
final class ModifiedUtf8 {

    /** Returned in the code point half of {@link #decode} for an invalid sequence. */
    static final int INVALID = -1;

    private static final int[] MIN_CODE_POINT = {0x80, 0x800, 0x10000, 0x200000, 0x4000000};

    private ModifiedUtf8() {
    }

    /**
     * Decodes one sequence starting at {@code start}; bytes at or beyond {@code limit} read as NUL, like the
     * terminator of a C string. Returns {@code (end << 32) | (codePoint & 0xFFFFFFFF)}; on an invalid sequence the
     * code point is {@link #INVALID} and {@code end} is where qemu resumes (the offending byte is not consumed
     * when a continuation byte is missing). Packed into a long so the hot loop allocates nothing.
     */
    static long decode(byte[] bytes, int start, int limit) {
        int p = start;
        int lead = at(bytes, p++, limit);
        int cp;
        if (lead < 0x80) {
            cp = lead;
        } else if (lead >= 0xFE || (lead & 0x40) == 0) {
            cp = INVALID; // impossible byte or unexpected continuation byte
        } else {
            int len = 0;
            int mask = 0x80;
            while ((lead & mask) != 0) {
                len++;
                mask >>= 1;
            }
            cp = lead & (mask - 1);
            for (int i = 1; i < len; i++) {
                int b = at(bytes, p, limit);
                if ((b & 0xC0) != 0x80) {
                    return pack(p, INVALID);
                }
                p++;
                cp = (cp << 6) | (b & 0x3F);
            }
            if (!isValidCodePoint(cp)) {
                cp = INVALID;
            } else if (cp < MIN_CODE_POINT[len - 2] && !(cp == 0 && len == 2)) {
                cp = INVALID; // overlong (C0 80 for U+0000 is the one allowed exception)
            }
        }
        return pack(p, cp);
    }

    static int codePoint(long decoded) {
        return (int) decoded;
    }

    static int end(long decoded) {
        return (int) (decoded >>> 32);
    }

    /** Code points qemu can store in a string: not a surrogate, not a noncharacter, within Unicode. */
    static boolean isValidCodePoint(int cp) {
        if (cp < 0 || cp > 0x10FFFF) {
            return false;
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return false;
        }
        return cp < 0xD800 || cp > 0xDFFF;
    }

    /**
     * Decodes bytes the way qemu's JSON writer reads them when it prints a C string: stops at the first NUL byte
     * and turns every invalid sequence into one U+FFFD. Used for error texts that quote raw input.
     */
    static String decodeLenient(byte[] bytes, int start, int limit) {
        StringBuilder out = new StringBuilder(limit - start);
        int p = start;
        while (p < limit && bytes[p] != 0) {
            long d = decode(bytes, p, limit);
            int cp = codePoint(d);
            out.appendCodePoint(cp < 0 ? 0xFFFD : cp);
            p = end(d);
        }
        return out.toString();
    }

    private static int at(byte[] bytes, int index, int limit) {
        return index < limit ? bytes[index] & 0xFF : 0;
    }

    private static long pack(int end, int cp) {
        return ((long) end << 32) | (cp & 0xFFFFFFFFL);
    }
}
