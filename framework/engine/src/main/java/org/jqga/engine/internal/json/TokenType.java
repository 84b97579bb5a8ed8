package org.jqga.engine.internal.json;

/** Kinds of tokens the lexer hands to the streamer (int constants: they live in the lexer's transition table). */
final class TokenType {
    static final int LEFT_BRACE = 16;
    static final int RIGHT_BRACE = 17;
    static final int LEFT_BRACKET = 18;
    static final int RIGHT_BRACKET = 19;
    static final int COLON = 20;
    static final int COMMA = 21;
    static final int INTEGER = 22;
    static final int FLOAT = 23;
    static final int KEYWORD = 24;
    static final int STRING = 25;
    /** A token cut off because it grew beyond the size limit; never a value. */
    static final int OVERSIZED = 26;

    private TokenType() {
    }
}
