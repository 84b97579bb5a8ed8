package org.jqga.engine.internal.json;

/** Receives the lexer's output. The byte array is the lexer's buffer: valid only during the call. */
interface TokenSink {
    /** A complete token (or {@link TokenType#OVERSIZED}); {@code text[0..length)} is its raw input. */
    void token(int type, byte[] text, int length);

    /** An invalid byte; {@code text[0..length)} is the token read so far including that byte. */
    void lexicalError(byte[] text, int length);
}
