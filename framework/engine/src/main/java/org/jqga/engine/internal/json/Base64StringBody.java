package org.jqga.engine.internal.json;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * The body of a large string token, decoded as base64 while the lexer reads it: a guest-file-write of 4 MiB is then
 * never held as its 5.6 MB of text, only as the 4 MiB it decodes to (and a 48 MiB write not as 64 MB of text). The
 * body is taken for base64 as long as it can still become canonical base64 (digits of the standard alphabet, padding
 * only to complete the last group, unused bits zero): those are exactly the texts that encoding their bytes gives
 * back, so the moment a byte breaks that, the text so far is encoded again and the lexer goes on with it as text.
 *
 * <p>One per lexer, reused from string to string. The bytes go into a buffer the engine lends, as large as the previous
 * string's bytes: a host moving a file sends chunk after chunk of the same size. The first string's buffer doubles as
 * its bytes come, from what the text so far decodes to.
 */
final class Base64StringBody {

    /** Shorter strings stay text: names, paths and command lines never get here; file data does. */
    static final int MIN_TEXT_LENGTH = 16 * 1024;

    /**
     * The largest first buffer: a string that turns out short (a guest-exec input after a file) would hold more
     * native memory than it needs until the host is quiet. A larger string grows from there, or gets the larger buffer
     * the engine kept from the string before it.
     */
    private static final int EXPECTED_AT_MOST = 16 << 20;

    /** Digits decoded at a time (into an array first where the buffer may be too small): small enough for L2. */
    private static final int SCRATCH_TEXT = 1 << 16;

    private static final byte[] DIGIT = new byte[256];
    /** Each character's digit where it goes in a group's 24 bits, by its place in the group; -1 if it is none. */
    private static final int[] FIRST_DIGIT = new int[256];
    private static final int[] SECOND_DIGIT = new int[256];
    private static final int[] THIRD_DIGIT = new int[256];
    private static final int[] FOURTH_DIGIT = new int[256];

    static {
        for (int[] table : new int[][] {FIRST_DIGIT, SECOND_DIGIT, THIRD_DIGIT, FOURTH_DIGIT}) {
            Arrays.fill(table, -1);
        }
        Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < Base64Output.ALPHABET.length; i++) {
            int character = Base64Output.ALPHABET[i];
            DIGIT[character] = (byte) i;
            FIRST_DIGIT[character] = i << 18;
            SECOND_DIGIT[character] = i << 12;
            THIRD_DIGIT[character] = i << 6;
            FOURTH_DIGIT[character] = i;
        }
    }

    private final DecodeBuffers buffers;
    private final int maxBytes;
    private ByteBuffer target;
    /** The target was made for this string by growing, and no one else has seen it: freed, not given back. */
    private boolean grown;
    private int decoded;
    /** Digits of the group not yet complete, then its padding. */
    private final byte[] carry = new byte[4];
    private int carried;
    private int padding;
    /** The bytes of the previous string: the size of the first buffer for the next (else it doubles as they come). */
    private int expected;
    private ByteBuffer scratch;

    /** @param maxTextLength the longest body the lexer lets through: no buffer beyond what it decodes to */
    Base64StringBody(DecodeBuffers buffers, int maxTextLength) {
        this.buffers = buffers;
        this.maxBytes = maxTextLength / 4 * 3 + 3;
    }

    /** Whether a body is being decoded: between a successful {@link #start} and its end. */
    boolean active() {
        return target != null;
    }

    /**
     * Starts with the body so far, {@code text[from, to)}: true if it may still become canonical base64, and then
     * it is decoded; false if not, and nothing is held.
     */
    boolean start(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (DIGIT[text[i] & 0xFF] < 0 && text[i] != '=') {
                return false; // before a buffer is lent for it
            }
        }
        target = buffers.lend(Math.min(Math.max(expected, (to - from) / 4 * 3), maxBytes)).clear();
        grown = false;
        decoded = 0;
        carried = 0;
        padding = 0;
        if (decode(text, from, to) == to - from) {
            return true;
        }
        abandon();
        return false;
    }

    /**
     * Decodes the longest run of {@code input[from, end)} that keeps the body possibly canonical, and returns its
     * length: it stops before the closing quote, and before any byte that rules base64 out.
     */
    int decode(byte[] input, int from, int end) {
        int i = from;
        while (carried > 0 && i < end) {
            if (!accept(input[i])) {
                return i - from;
            }
            i++;
        }
        if (padding == 0) {
            i = decodeGroups(input, i, i + (end - i) / 4 * 4);
        }
        while (i < end && accept(input[i])) {
            i++;
        }
        return i - from;
    }

    /**
     * The closing quote came: the body's bytes when it is canonical base64 (and the lent buffer goes with them),
     * else null with the body still held for {@link #writeText}.
     *
     * @param textLength the body's length
     */
    DecodedBase64Node finish(int textLength) {
        int bytes = decoded;
        if (padding > 0) {
            int unusedBits = padding == 1 ? 0x3 : 0xF;
            if (carried + padding != 4 || (DIGIT[carry[carried - 1]] & unusedBits) != 0) {
                return null;
            }
            room(carried - 1);
            int bits = DIGIT[carry[0]] << 18 | DIGIT[carry[1]] << 12 | (carried == 3 ? DIGIT[carry[2]] << 6 : 0);
            put(bytes++, bits >> 16);
            if (carried == 3) {
                put(bytes++, bits >> 8);
            }
        } else if (carried > 0) {
            return null;
        }
        DecodedBase64Node node = new DecodedBase64Node(target, bytes, textLength, buffers != DecodeBuffers.NONE);
        expected = Math.min(bytes, EXPECTED_AT_MOST);
        target = null;
        return node;
    }

    /** Writes the body so far as the text it was into {@code text} from {@code at}, lets go of it and returns its end. */
    int writeText(byte[] text, int at) {
        Base64.Encoder encoder = Base64.getEncoder();
        ByteBuffer bytes = target.duplicate().clear().limit(decoded);
        byte[] piece = new byte[3 << 12];
        byte[] encoded = new byte[piece.length / 3 * 4];
        int o = at;
        while (bytes.hasRemaining()) {
            int n = Math.min(piece.length, bytes.remaining());
            bytes.get(piece, 0, n);
            int chars = encoder.encode(n == piece.length ? piece : Arrays.copyOf(piece, n), encoded);
            System.arraycopy(encoded, 0, text, o, chars);
            o += chars;
        }
        System.arraycopy(carry, 0, text, o, carried);
        o += carried;
        Arrays.fill(text, o, o + padding, (byte) '=');
        o += padding;
        abandon();
        return o;
    }

    /** Lets go of the body: its buffer goes back to the lender. */
    void abandon() {
        if (target != null) {
            letGo(target);
            target = null;
        }
    }

    /**
     * A buffer of this string's that no one else has seen is freed at once: the collector would free it only at a
     * collection, which a transfer decoded off the heap rarely causes, and a 47 MiB string outgrows 24 MiB on its
     * way (writing 47 MiB chunks peaked at 167 MiB of RSS with them left to the collector).
     */
    private void letGo(ByteBuffer buffer) {
        if (grown) {
            RawMemory.free(buffer);
        } else {
            buffers.giveBack(buffer);
        }
    }

    private boolean accept(byte b) {
        int digit = DIGIT[b & 0xFF];
        if (digit >= 0 && padding == 0) {
            carry[carried++] = b;
            if (carried == 4) {
                room(3);
                int bits = DIGIT[carry[0]] << 18 | DIGIT[carry[1]] << 12 | DIGIT[carry[2]] << 6 | digit;
                put(decoded, bits >> 16);
                put(decoded + 1, bits >> 8);
                put(decoded + 2, bits);
                decoded += 3;
                carried = 0;
            }
            return true;
        }
        // '=' completes a group of two or three digits, and nothing but the closing quote may follow it
        if (b == '=' && carried >= 2 && carried + padding < 4) {
            padding++;
            return true;
        }
        return false;
    }

    /** Decodes the whole groups of {@code text[from, to)} up to the first that is not four digits; returns where. */
    private int decodeGroups(byte[] text, int from, int to) {
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + SCRATCH_TEXT);
            int stop;
            if (decoded + (end - i) / 4 * 3 <= target.capacity() && (target.hasArray() || RawMemory.UNSAFE != null)) {
                stop = decodeGroups(text, i, end, target, decoded);
            } else {
                // through the scratch array: the buffer grows by what the digits gave, not by what may follow them
                if (scratch == null) {
                    scratch = ByteBuffer.allocate(SCRATCH_TEXT / 4 * 3);
                }
                stop = decodeGroups(text, i, end, scratch, 0);
                room((stop - i) / 4 * 3);
                target.put(decoded, scratch, 0, (stop - i) / 4 * 3);
            }
            decoded += (stop - i) / 4 * 3;
            i = stop;
            if (stop < end) {
                break;
            }
        }
        return i;
    }

    /** Into {@code out} from {@code at}, which has room for all of {@code text[from, to)}: a heap buffer, or any. */
    private static int decodeGroups(byte[] text, int from, int to, ByteBuffer out, int at) {
        if (RawMemory.UNSAFE == null) {
            return decodeGroups(text, from, to, out.array(), out.arrayOffset() + at);
        }
        Object base = out.hasArray() ? out.array() : null;
        long offset = out.hasArray() ? RawMemory.BYTE_ARRAY_BASE + out.arrayOffset() + at : RawMemory.address(out) + at;
        try {
            return decodeGroups(text, from, to, base, offset);
        } finally {
            // a direct buffer's memory is written by address: the buffer must outlive every write
            Reference.reachabilityFence(out);
        }
    }

    /**
     * Through raw memory: 16 characters per round as four 4-byte loads, each looked up in a table of its own that
     * holds the digit already shifted into place (-1, the sign bit, for anything else), and 12 bytes stored as three
     * ints. C1's code decoded 4 MiB in 2.74 ms, against 4.13 with a byte table and byte loads and stores.
     */
    private static int decodeGroups(byte[] text, int from, int to, Object out, long at) {
        sun.misc.Unsafe memory = RawMemory.UNSAFE;
        int[] first = FIRST_DIGIT;
        int[] second = SECOND_DIGIT;
        int[] third = THIRD_DIGIT;
        int[] fourth = FOURTH_DIGIT;
        long i = RawMemory.BYTE_ARRAY_BASE + from;
        long end = RawMemory.BYTE_ARRAY_BASE + to;
        long o = at;
        for (; end - i >= 16; i += 16, o += 12) {
            int w = memory.getInt(text, i);
            int x = memory.getInt(text, i + 4);
            int y = memory.getInt(text, i + 8);
            int z = memory.getInt(text, i + 12);
            int a = first[w & 0xFF] | second[w >>> 8 & 0xFF] | third[w >>> 16 & 0xFF] | fourth[w >>> 24];
            int b = first[x & 0xFF] | second[x >>> 8 & 0xFF] | third[x >>> 16 & 0xFF] | fourth[x >>> 24];
            int c = first[y & 0xFF] | second[y >>> 8 & 0xFF] | third[y >>> 16 & 0xFF] | fourth[y >>> 24];
            int d = first[z & 0xFF] | second[z >>> 8 & 0xFF] | third[z >>> 16 & 0xFF] | fourth[z >>> 24];
            if ((a | b | c | d) < 0) {
                break; // a quote, padding, or no base64 at all: the groups before it, one at a time below
            }
            memory.putInt(out, o, Integer.reverseBytes(a << 8 | b >>> 16));
            memory.putInt(out, o + 4, Integer.reverseBytes(b << 16 | c >>> 8));
            memory.putInt(out, o + 8, Integer.reverseBytes(c << 24 | d));
        }
        for (; end - i >= 4; i += 4, o += 3) {
            int w = memory.getInt(text, i);
            int a = first[w & 0xFF] | second[w >>> 8 & 0xFF] | third[w >>> 16 & 0xFF] | fourth[w >>> 24];
            if (a < 0) {
                break;
            }
            memory.putByte(out, o, (byte) (a >> 16));
            memory.putByte(out, o + 1, (byte) (a >> 8));
            memory.putByte(out, o + 2, (byte) a);
        }
        return (int) (i - RawMemory.BYTE_ARRAY_BASE);
    }

    /** Where raw memory is not to be had: byte loads and stores. */
    private static int decodeGroups(byte[] text, int from, int to, byte[] out, int at) {
        byte[] digit = DIGIT;
        int o = at;
        int i = from;
        for (; i < to; i += 4) {
            int a = digit[text[i] & 0xFF];
            int b = digit[text[i + 1] & 0xFF];
            int c = digit[text[i + 2] & 0xFF];
            int d = digit[text[i + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                break; // -1 sets the sign bit: a quote, padding, or no base64 at all
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o + 2] = (byte) bits; // the highest index first: one bounds check fails before any store
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            o += 3;
        }
        return i;
    }

    private void put(int index, int value) {
        target.put(index, (byte) value);
    }

    /** Makes room for {@code more} bytes: a buffer twice as large, with the bytes so far. */
    private void room(int more) {
        int needed = decoded + more;
        if (needed <= target.capacity()) {
            return;
        }
        // + 2: the bytes of a padded last group, which come only with the closing quote
        long size = Math.max(2L * target.capacity(), needed + 2L);
        ByteBuffer larger = buffers.allocate((int) Math.min(size, Math.max(maxBytes, needed)));
        larger.put(0, target, 0, decoded);
        letGo(target);
        target = larger;
        grown = true;
    }
}
