package org.jqga.engine.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;

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

    private final byte[] bytes;
    private final int textLength;

    private DecodedBase64Node(byte[] bytes, int textLength) {
        this.bytes = bytes;
        this.textLength = textLength;
    }

    /**
     * The node for {@code text[from, to)} when that is canonical base64 (whole groups, padding only at the end,
     * unused bits zero), else null.
     */
    static DecodedBase64Node decodeIfCanonical(byte[] text, int from, int to) {
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
        ByteBuffer decoded;
        try {
            // the JDK decoder refuses anything but the alphabet and final padding, where all decoders agree
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(text, from, length));
        } catch (IllegalArgumentException notCanonical) {
            return null;
        }
        byte[] bytes = decoded.array();
        return decoded.remaining() == bytes.length ? new DecodedBase64Node(bytes, length) : null;
    }

    /** The decoded bytes themselves, not a copy: the argument binder hands them to one command. */
    public byte[] decoded() {
        return bytes;
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
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String asText() {
        return textValue();
    }

    @Override
    public byte[] binaryValue() {
        return bytes.clone();
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(textValue());
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof DecodedBase64Node node) {
            return java.util.Arrays.equals(bytes, node.bytes);
        }
        return other instanceof JsonNode node && node.isTextual() && textValue().equals(node.textValue());
    }

    @Override
    public int hashCode() {
        return textValue().hashCode();
    }
}
