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

/**
 * A large JSON string that was canonical base64, held decoded (see {@link Base64StringBody}): a guest-file-write of
 * 4 MiB costs one 4 MiB buffer, never 5.6 MB of text. It still is a string to everyone else; its text is encoded again
 * on demand, which gives back exactly what the host sent because only canonical text is held so.
 */
public final class DecodedBase64Node extends ValueNode {

    private static final long serialVersionUID = 1L;

    /** The lender's buffer, or one of the node's own; the bytes are its first {@code length}. */
    private final ByteBuffer storage;
    private final int length;
    private final int textLength;
    /** The buffer came from a lender and goes back to it after the request: never handed out as owned. */
    private final boolean lent;

    /** Made by {@link Base64StringBody} from the body it decoded. */
    DecodedBase64Node(ByteBuffer storage, int length, int textLength, boolean lent) {
        this.storage = storage;
        this.length = length;
        this.textLength = textLength;
        this.lent = lent;
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
