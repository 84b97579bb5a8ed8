package org.jqga.api;

import java.nio.ByteBuffer;

/**
 * A base64 argument ({@code buf-b64}, {@code input-data}, {@code password}): declare a record component of this
 * type and call {@link #decode()} where qemu-ga decodes, so that the other arguments are checked first and a host
 * gets the same error as from qemu-ga when several are wrong.
 *
 * <p>The engine decodes a large argument already while parsing the request when it is canonical base64 (then the
 * lenient and the strict decoders agree), so that file data arrives as bytes and is never held as text too.
 */
public final class Base64Argument {

    private final String text;
    private final byte[] decoded;
    private final ByteBuffer lent;
    private final int textLength;

    private Base64Argument(String text, byte[] decoded, ByteBuffer lent, int textLength) {
        this.text = text;
        this.decoded = decoded;
        this.lent = lent;
        this.textLength = textLength;
    }

    /** The text as the host sent it, decoded by {@link #decode()} with qemu-ga's lenient rules. */
    public static Base64Argument ofText(String text) {
        return new Base64Argument(text, null, null, text.length());
    }

    /**
     * Bytes already decoded from {@code textLength} characters of canonical base64: for the engine, and for tests
     * that hand a command its arguments.
     */
    public static Base64Argument ofDecoded(byte[] decoded, int textLength) {
        return new Base64Argument(null, decoded, null, textLength);
    }

    /**
     * Bytes already decoded from {@code textLength} characters of canonical base64 into a buffer the engine lends for
     * the request only: it takes the buffer back once the command is done (see {@link #decodeBuffer()}).
     *
     * @since 1.3
     */
    public static Base64Argument ofLent(ByteBuffer decoded, int textLength) {
        return new Base64Argument(null, null, decoded.slice(), textLength);
    }

    /**
     * The decoded bytes in an array of their own, which the command may keep, or GenericError "Base64 data contains
     * invalid characters" as qemu-ga reports it.
     */
    public byte[] decode() throws CommandException {
        if (lent != null) {
            byte[] copy = new byte[lent.remaining()];
            lent.duplicate().get(copy);
            return copy;
        }
        return decoded != null ? decoded : LenientBase64.decode(text);
    }

    /**
     * The decoded bytes as a buffer that is valid only until {@code execute} returns: the engine may decode a later
     * request's argument into the same buffer, so that a host writing a file in 4 MiB chunks costs no new buffer per
     * request. Since 1.4 a large one (64 KiB and more) is direct, so that a file is written from it without a copy:
     * use the buffer's own methods, not {@code array()}. For bytes that a command keeps, or hands to another thread,
     * use {@link #decode()}. Errors as {@link #decode()}.
     *
     * @since 1.3
     */
    public ByteBuffer decodeBuffer() throws CommandException {
        return lent != null ? lent.duplicate() : ByteBuffer.wrap(decode());
    }

    /** How many characters the host sent, for audit records that must not hold the data itself. */
    public int textLength() {
        return textLength;
    }

    @Override
    public String toString() {
        return "base64 argument of " + textLength + " characters";
    }
}
