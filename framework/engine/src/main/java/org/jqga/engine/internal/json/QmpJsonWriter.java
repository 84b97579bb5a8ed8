package org.jqga.engine.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.jqga.api.ByteSource;

/**
 * Serialises a JsonNode exactly as qemu-ga's json-writer does: compact with ": " and ", " separators, pure ASCII
 * (upper-case {@code \}uXXXX, surrogate pairs beyond the BMP, short escapes only for {@code " \ \b \f \n \r \t}),
 * integers in decimal, doubles as {@code %.17g}. Characters qemu could not hold in a string (lone surrogates,
 * noncharacters) come out as {@code \}uFFFD, as qemu prints invalid UTF-8.
 */
public final class QmpJsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BUFFER = 8192;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int used;

    private QmpJsonWriter(OutputStream out) {
        this.out = out;
    }

    public static void write(JsonNode node, OutputStream out) throws IOException {
        new QmpJsonWriter(out).write(node);
    }

    /**
     * A writer that keeps its buffer from one value to the next. A session writes every reply through one: a new
     * 8 KiB buffer per reply was most of what a guest-ping allocated, and so most of its share of young collections.
     * Not for concurrent use.
     */
    public static QmpJsonWriter to(OutputStream out) {
        return new QmpJsonWriter(out);
    }

    /** Writes {@code node} and hands all of it to the stream. */
    public void write(JsonNode node) throws IOException {
        // what a failed value left behind must not lead the next one
        used = 0;
        value(node);
        flushBuffer();
    }

    /** Lets go of the buffers kept for writing large base64 values (after a file transfer). */
    public static void dropSpareBuffers() {
        Base64Output.dropSpares();
    }

    /** The serialised form without a trailing newline. */
    public static byte[] toBytes(JsonNode node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(node, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for a byte array
        }
        return bytes.toByteArray();
    }

    private void value(JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> string(node.textValue());
            case BINARY -> base64(ByteBuffer.wrap(node.binaryValue()));
            case POJO -> base64((POJONode) node);
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false");
            case NULL -> ascii("null");
            case NUMBER -> number(node);
            default -> throw new IllegalArgumentException("not serialisable as JSON: " + node.getNodeType());
        }
    }

    private void object(JsonNode node) throws IOException {
        put('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!first) {
                put(',');
                put(' ');
            }
            first = false;
            string(member.getKey());
            put(':');
            put(' ');
            value(member.getValue());
        }
        put('}');
    }

    private void array(JsonNode node) throws IOException {
        put('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                put(',');
                put(' ');
            }
            value(node.get(i));
        }
        put(']');
    }

    private void number(JsonNode node) throws IOException {
        if (node.isIntegralNumber()) {
            ascii(node.canConvertToLong() ? Long.toString(node.longValue()) : node.bigIntegerValue().toString());
        } else {
            ascii(CDoubleFormat.format17g(node.doubleValue()));
        }
    }

    /**
     * Bytes as a base64 string, encoded straight into the output: a large file read or exec capture is
     * never held a second time as base64 text.
     */
    private void base64(ByteBuffer bytes) throws IOException {
        put('"');
        flushBuffer();
        Base64Output.write(bytes, out);
        put('"');
    }

    /**
     * Results carry bytes in a POJO node, as a {@link ByteBuffer} (a slice of a lent buffer) or as a {@link ByteSource}
     * read while they are encoded; nothing else may.
     */
    private void base64(POJONode node) throws IOException {
        if (node.getPojo() instanceof ByteBuffer bytes) {
            base64(bytes);
            return;
        }
        if (!(node.getPojo() instanceof ByteSource bytes)) {
            throw new IllegalArgumentException("not serialisable as JSON: " + node.getPojo().getClass().getName());
        }
        put('"');
        flushBuffer();
        Base64Output.write(bytes, out);
        put('"');
    }

    private void string(String s) throws IOException {
        put('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                // hot path for long printable data such as base64: no per-byte bounds handling
                if (used == BUFFER) {
                    flushBuffer();
                }
                buffer[used++] = (byte) c;
                continue;
            }
            if (c == '"' || c == '\\') {
                put('\\');
                put(c);
                continue;
            }
            switch (c) {
                case '\b' -> shortEscape('b');
                case '\f' -> shortEscape('f');
                case '\n' -> shortEscape('n');
                case '\r' -> shortEscape('r');
                case '\t' -> shortEscape('t');
                default -> {
                    int cp = c;
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        cp = Character.toCodePoint(c, s.charAt(++i));
                    }
                    if (!ModifiedUtf8.isValidCodePoint(cp)) {
                        cp = 0xFFFD;
                    }
                    if (cp > 0xFFFF) {
                        unicodeEscape(Character.highSurrogate(cp));
                        unicodeEscape(Character.lowSurrogate(cp));
                    } else {
                        unicodeEscape(cp);
                    }
                }
            }
        }
        put('"');
    }

    private void shortEscape(char c) throws IOException {
        put('\\');
        put(c);
    }

    private void unicodeEscape(int unit) throws IOException {
        put('\\');
        put('u');
        put(HEX[(unit >> 12) & 0xF]);
        put(HEX[(unit >> 8) & 0xF]);
        put(HEX[(unit >> 4) & 0xF]);
        put(HEX[unit & 0xF]);
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(int b) throws IOException {
        if (used == BUFFER) {
            flushBuffer();
        }
        buffer[used++] = (byte) b;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}
