package org.jqga.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes base64 arguments ({@code buf-b64}, {@code input-data}, passwords) as qemu-ga does (qemu's {@code qbase64_decode} over GLib's
 * decoder), so hosts that rely on its leniency keep working: only the base64 alphabet, '=' and newline are
 * allowed; newlines are skipped; '=' counts as a zero digit wherever it stands and only suppresses output
 * bytes at the end of a group of four; a trailing incomplete group is dropped ("aGVsbG8" gives "hel").
 * Canonical input, by far the common case, goes through the JDK's faster decoder.
 */
public final class LenientBase64 {

    public static final String INVALID_CHARACTERS = "Base64 data contains invalid characters";

    private static final byte INVALID = -1;
    private static final byte SKIPPED = -2;
    private static final byte[] DIGIT = new byte[128];

    static {
        Arrays.fill(DIGIT, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DIGIT[alphabet.charAt(i)] = (byte) i;
        }
        DIGIT['='] = 0;
        DIGIT['\n'] = SKIPPED;
    }

    private LenientBase64() {
    }

    /** The decoded bytes, or GenericError "Base64 data contains invalid characters". */
    public static byte[] decode(String text) throws CommandException {
        if (text.length() % 4 == 0) {
            byte[] canonical = decodeCanonical(text);
            if (canonical != null) {
                return canonical;
            }
        }
        return decodeLeniently(text);
    }

    /** Characters decoded per step: a multiple of 4, so that every step but the last holds whole groups. */
    private static final int STEP = 64 * 1024;

    /**
     * The JDK's decoder, which accepts exactly the canonical form (given whole groups), where both decoders agree;
     * null for anything else. Step by step: decoding the whole text at once would first copy all of it into one byte
     * array, and the garbage of a large guest-file-write would outlive the young generation; small steps die young.
     */
    private static byte[] decodeCanonical(String text) {
        int length = text.length();
        int padding = length == 0 ? 0 : text.charAt(length - 1) != '=' ? 0 : text.charAt(length - 2) == '=' ? 2 : 1;
        byte[] out = new byte[length / 4 * 3 - padding];
        byte[] decoded = new byte[Math.min(STEP, length) / 4 * 3];
        Base64.Decoder decoder = Base64.getDecoder();
        int written = 0;
        try {
            for (int from = 0; from < length; from += STEP) {
                int to = Math.min(length, from + STEP);
                if (to < length && text.charAt(to - 1) == '=') {
                    return null; // padding before the end is not canonical
                }
                // ISO-8859-1 turns a character beyond it into '?', which the decoder refuses, as it should
                int n = decoder.decode(text.substring(from, to).getBytes(StandardCharsets.ISO_8859_1), decoded);
                System.arraycopy(decoded, 0, out, written, n);
                written += n;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException notCanonical) {
            return null;
        }
        return written == out.length ? out : null;
    }

    /** The lenient decoder alone, for any input; {@link #decode} only avoids it for speed. */
    static byte[] decodeLeniently(String text) throws CommandException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || DIGIT[c] == INVALID) {
                throw CommandException.genericError(INVALID_CHARACTERS);
            }
        }
        return decodeValidated(text);
    }

    private static byte[] decodeValidated(String text) {
        byte[] out = new byte[text.length() / 4 * 3 + 3];
        int written = 0;
        int bits = 0;
        int digits = 0;
        char previous = 0;
        char last = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            byte digit = DIGIT[c];
            if (digit == SKIPPED) {
                continue;
            }
            previous = last;
            last = c;
            bits = bits << 6 | digit;
            if (++digits == 4) {
                out[written++] = (byte) (bits >> 16);
                if (previous != '=') {
                    out[written++] = (byte) (bits >> 8);
                }
                if (last != '=') {
                    out[written++] = (byte) bits;
                }
                digits = 0;
            }
        }
        return Arrays.copyOf(out, written);
    }
}
