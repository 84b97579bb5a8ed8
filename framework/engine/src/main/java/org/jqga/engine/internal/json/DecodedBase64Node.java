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
import java.util.Arrays;
import java.util.Base64;
import java.util.function.IntFunction;

/**
 * A large JSON string that was canonical base64, held decoded: a guest-file-write of 4 MiB then costs one 4 MiB
 * array instead of 5.6 MB of text plus the decoded copy. It still is a string to everyone else; its text is
 * encoded again on demand, which gives back exactly what the host sent because only canonical text is held so.
 */
public final class DecodedBase64Node extends ValueNode {

    private static final long serialVersionUID = 1L;

    /** Shorter strings stay text: names, paths and command lines never reach this; file data does. */
    static final int MIN_TEXT_LENGTH = 16 * 1024;

    private static final byte[] DIGIT = new byte[256];

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < Base64Output.ALPHABET.length; i++) {
            DIGIT[Base64Output.ALPHABET[i]] = (byte) i;
        }
    }

    /** Where a node's bytes go when nobody lends arrays: a new array of exactly their size. */
    public static final IntFunction<byte[]> NEW_ARRAYS = byte[]::new;

    private final byte[] array;
    private final int length;
    private final int textLength;
    /** The array came from a lender and goes back to it after the request: never handed out as owned. */
    private final boolean lent;

    private DecodedBase64Node(byte[] array, int length, int textLength, boolean lent) {
        this.array = array;
        this.length = length;
        this.textLength = textLength;
        this.lent = lent;
    }

    /**
     * The node for {@code text[from, to)} when that is canonical base64 (whole groups, padding only at the end,
     * unused bits zero), else null. The bytes go into an array of {@code arrays} (at least as long as they are): a
     * lender's, so that a host writing a file in 4 MiB chunks reuses one array instead of leaving one per request.
     */
    static DecodedBase64Node decodeIfCanonical(byte[] text, int from, int to, IntFunction<byte[]> arrays) {
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
        byte[] array = arrays.apply(decodedLength);
        if (!decodeDigits(text, from, to - padding, array)) {
            return null; // a character outside the alphabet: the lender's array is left to the collector
        }
        return new DecodedBase64Node(array, decodedLength, length, arrays != NEW_ARRAYS);
    }

    /**
     * Decodes {@code text[from, to)}, the digits without padding, into {@code target}; false if one of them is not
     * in the alphabet (where the lenient decoder and the strict one might disagree: such text stays text).
     */
    private static boolean decodeDigits(byte[] text, int from, int to, byte[] target) {
        byte[] digit = DIGIT;
        int groupsEnd = from + (to - from) / 4 * 4;
        int invalid = 0;
        int o = 0;
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
        return lent || array.length != length ? Arrays.copyOf(array, length) : array;
    }

    /** The decoded bytes where they are: in a lent array only until the request is done (see {@link #lentArray}). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(array, 0, length);
    }

    /** The lender's array, to give back once the request is done; null when the bytes are in an array of their own. */
    public byte[] lentArray() {
        return lent ? array : null;
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
        return Arrays.copyOf(array, length);
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(textValue());
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof DecodedBase64Node node) {
            return Arrays.equals(array, 0, length, node.array, 0, node.length);
        }
        return other instanceof JsonNode node && node.isTextual() && textValue().equals(node.textValue());
    }

    @Override
    public int hashCode() {
        return textValue().hashCode();
    }
}
