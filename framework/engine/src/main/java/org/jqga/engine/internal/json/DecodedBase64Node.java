package org.jqga.engine.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntFunction;

/**
 * A large JSON string that was canonical base64, held decoded: a guest-file-write of 4 MiB then costs one 4 MiB
 * buffer instead of 5.6 MB of text plus the decoded copy. It still is a string to everyone else; its text is
 * encoded again on demand, which gives back exactly what the host sent because only canonical text is held so.
 */
public final class DecodedBase64Node extends ValueNode {

    private static final long serialVersionUID = 1L;

    /** Shorter strings stay text: names, paths and command lines never reach this; file data does. */
    static final int MIN_TEXT_LENGTH = 16 * 1024;

    /** Bytes decoded at a time before they are put into a direct buffer: a multiple of 3, and small enough for L2. */
    private static final int SCRATCH = 3 << 14;

    private static final byte[] DIGIT = new byte[256];

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < Base64Output.ALPHABET.length; i++) {
            DIGIT[Base64Output.ALPHABET[i]] = (byte) i;
        }
    }

    /** Where a node's bytes go when nobody lends buffers: a new heap buffer of exactly their size. */
    public static final IntFunction<ByteBuffer> NEW_BUFFERS = ByteBuffer::allocate;

    /** The lender's buffer, or one of the node's own; the bytes are its first {@code length}. */
    private final ByteBuffer storage;
    private final int length;
    private final int textLength;
    /** The buffer came from a lender and goes back to it after the request: never handed out as owned. */
    private final boolean lent;

    private DecodedBase64Node(ByteBuffer storage, int length, int textLength, boolean lent) {
        this.storage = storage;
        this.length = length;
        this.textLength = textLength;
        this.lent = lent;
    }

    /**
     * The node for {@code text[from, to)} when that is canonical base64 (whole groups, padding only at the end,
     * unused bits zero), else null. The bytes go into a buffer of {@code buffers} (at least as long as they are, heap
     * or direct): a lender's, so that a host writing a file in 4 MiB chunks reuses one buffer instead of leaving one
     * per request, and a large one direct, so that the file is written from it without a copy.
     */
    static DecodedBase64Node decodeIfCanonical(byte[] text, int from, int to, IntFunction<ByteBuffer> buffers) {
        int length = to - from;
        if (length < MIN_TEXT_LENGTH || length % 4 != 0) {
            return null;
        }
        int padding = text[to - 1] != '=' ? 0 : text[to - 2] == '=' ? 2 : 1;
        int lastDigit = DIGIT[text[to - 1 - padding] & 0xFF];
        int unusedBits = padding == 0 ? 0 : padding == 1 ? 0x3 : 0xF;
        if (lastDigit < 0 || (lastDigit & unusedBits) != 0) {
            return null;
        }
        int decodedLength = length / 4 * 3 - padding;
        ByteBuffer target = buffers.apply(decodedLength);
        if (!decodeDigits(text, from, to - padding, target)) {
            return null; // a character outside the alphabet: the lender's buffer is left to the collector
        }
        return new DecodedBase64Node(target, decodedLength, length, buffers != NEW_BUFFERS);
    }

    /** As {@link #decodeDigits(byte[], int, int, byte[], int)}, into a buffer's first bytes. */
    private static boolean decodeDigits(byte[] text, int from, int to, ByteBuffer target) {
        if (target.hasArray()) {
            return decodeDigits(text, from, to, target.array(), target.arrayOffset());
        }
        byte[] scratch = new byte[SCRATCH];
        int o = 0;
        for (int i = from; i < to; ) {
            int end = Math.min(to, i + SCRATCH / 3 * 4);
            if (!decodeDigits(text, i, end, scratch, 0)) {
                return false;
            }
            int n = (end - i) / 4 * 3 + Math.max(0, (end - i) % 4 - 1);
            target.put(o, scratch, 0, n);
            o += n;
            i = end;
        }
        return true;
    }

    /**
     * Decodes {@code text[from, to)}, the digits without padding, into {@code target} from {@code offset}; false if
     * one of them is not in the alphabet (where the lenient decoder and the strict one might disagree: such text
     * stays text).
     */
    private static boolean decodeDigits(byte[] text, int from, int to, byte[] target, int offset) {
        byte[] digit = DIGIT;
        int groupsEnd = from + (to - from) / 4 * 4;
        int invalid = 0;
        int o = offset;
        int i = from;
        for (; i < groupsEnd; i += 4) {
            int a = digit[text[i] & 0xFF];
            int b = digit[text[i + 1] & 0xFF];
            int c = digit[text[i + 2] & 0xFF];
            int d = digit[text[i + 3] & 0xFF];
            invalid |= a | b | c | d; // -1 sets the sign bit
            int bits = a << 18 | b << 12 | c << 6 | d;
            target[o + 2] = (byte) bits; // the highest index first: one bounds check fails before any store
            target[o] = (byte) (bits >> 16);
            target[o + 1] = (byte) (bits >> 8);
            o += 3;
        }
        int bits = 0;
        for (int k = 0; i + k < to; k++) {
            int value = digit[text[i + k] & 0xFF];
            invalid |= value;
            bits |= value << (18 - 6 * k);
        }
        if (to - i >= 2) {
            target[o] = (byte) (bits >> 16);
        }
        if (to - i == 3) {
            target[o + 1] = (byte) (bits >> 8);
        }
        return invalid >= 0;
    }

    /** The decoded bytes in an array of their own, which the caller may keep. */
    public byte[] decoded() {
        if (!lent && storage.hasArray() && storage.arrayOffset() == 0 && storage.array().length == length) {
            return storage.array();
        }
        byte[] copy = new byte[length];
        storage.get(0, copy);
        return copy;
    }

    /** The decoded bytes where they are: in a lent buffer only until the request is done (see {@link #lentBuffer}). */
    public ByteBuffer buffer() {
        return storage.duplicate().clear().limit(length);
    }

    /** The lender's buffer, to give back once the request is done; null when the bytes are in a buffer of their own. */
    public ByteBuffer lentBuffer() {
        return lent ? storage : null;
    }

    /** The length of the text the host sent. */
    public int textLength() {
        return textLength;
    }

    @Override
    public JsonNodeType getNodeType() {
        return JsonNodeType.STRING;
    }

    @Override
    public JsonToken asToken() {
        return JsonToken.VALUE_STRING;
    }

    @Override
    public String textValue() {
        ByteBuffer text = Base64.getEncoder().encode(buffer());
        return new String(text.array(), 0, text.remaining(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public String asText() {
        return textValue();
    }

    @Override
    public byte[] binaryValue() {
        byte[] copy = new byte[length];
        storage.get(0, copy);
        return copy;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(textValue());
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof DecodedBase64Node node) {
            return buffer().equals(node.buffer());
        }
        return other instanceof JsonNode node && node.isTextual() && textValue().equals(node.textValue());
    }

    @Override
    public int hashCode() {
        return textValue().hashCode();
    }
}
