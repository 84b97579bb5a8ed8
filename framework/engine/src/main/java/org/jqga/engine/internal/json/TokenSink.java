package org.jqga.engine.internal.json;

/** Receives the lexer's output. The byte array is the lexer's buffer: valid only during the call. */
interface TokenSink {
    /** A complete token; {@code text[0..length)} is its raw input. */
    void token(int type, byte[] text, int length);

    /** A string token the lexer decoded as base64 while reading it; {@code length} is its raw length, quotes included. */
    void base64String(DecodedBase64Node value, int length);

    /** A token cut off once it had grown beyond the size limit, at {@code length} bytes. */
    void oversized(int length);

    /** An invalid byte; {@code text[0..length)} is the token read so far including that byte. */
    void lexicalError(byte[] text, int length);
}
