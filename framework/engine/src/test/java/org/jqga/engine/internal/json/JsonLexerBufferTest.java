package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lexer's buffer for huge tokens: kept through a transfer's pauses, not regrown by doubling; and never needed for
 * base64, which is decoded as it is read.
 */
class JsonLexerBufferTest {

    /** The buffers and texts of the string tokens the lexer produced. */
    private static final class Strings implements TokenSink {
        final List<byte[]> buffers = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        @Override
        public void token(int type, byte[] text, int length) {
            if (type == TokenType.STRING) {
                buffers.add(text);
                texts.add(new String(text, 0, length, StandardCharsets.ISO_8859_1));
            }
        }

        @Override
        public void base64String(DecodedBase64Node value, int length) {
            texts.add("base64 of " + value.buffer().remaining() + " bytes");
        }

        @Override
        public void oversized(int length) {
            throw new AssertionError("oversized");
        }

        @Override
        public void lexicalError(byte[] text, int length) {
            throw new AssertionError("lexical error");
        }
    }

    private static void feed(JsonLexer lexer, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        lexer.feed(bytes, 0, bytes.length);
    }

    private static String huge(char c, int length) {
        return "\"" + String.valueOf(c).repeat(length) + "\"";
    }

    @Test
    void aHugeTokensBufferServesTheNextOneAfterManySmallTokens() {
        Strings sink = new Strings();
        JsonLexer lexer = new JsonLexer(sink, 64 << 20, DecodeBuffers.NONE);
        feed(lexer, huge('.', 300_000));
        for (int i = 0; i < 100; i++) {
            feed(lexer, "\"small\" ");
        }
        byte[] smallBuffer = sink.buffers.get(sink.buffers.size() - 1);
        feed(lexer, huge('-', 200_000));
        assertNotSame(sink.buffers.get(0), smallBuffer, "small tokens went to a small buffer");
        assertSame(sink.buffers.get(0), sink.buffers.get(sink.buffers.size() - 1),
                "the second huge token was read into the first one's buffer");
        assertEquals(huge('-', 200_000), sink.texts.get(sink.texts.size() - 1));
        feed(lexer, huge('~', 500_000));
        assertEquals(huge('~', 500_000), sink.texts.get(sink.texts.size() - 1), "a larger one still grows it");
    }

    @Test
    void aHugeBase64StringNeverGrowsTheBuffer() {
        Strings sink = new Strings();
        JsonLexer lexer = new JsonLexer(sink, 64 << 20, DecodeBuffers.NONE);
        feed(lexer, "\"small\" " + huge('A', 4 << 20) + " \"small\"");
        assertEquals(List.of("\"small\"", "base64 of " + (3 << 20) + " bytes", "\"small\""), sink.texts);
        assertTrue(sink.buffers.get(1).length <= 64 * 1024,
                "the base64 string's text was not kept beyond its start: " + sink.buffers.get(1).length);
    }
}
