package org.jqga.engine.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply as it went over the wire, read back by a deliberately strict reader of qemu's serialisation
 * (spec §2.2): one line, pure ASCII, compact with {@code ": "} and {@code ", "} separators, short escapes only
 * for {@code " \ \b \f \n \r \t}, upper-case {@code \}uXXXX for other control characters and everything from
 * 0x7F, no duplicate keys, and at most a leading 0xFF. The one liberty is {@code inf}/{@code -inf}: qemu-ga
 * prints an infinite id that way (%.17g), and jqga does the same on purpose.
 */
record ReplyLine(boolean delimited, ObjectNode body, String text) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every reply in {@code wire}; an AssertionError says where the bytes break the rules. */
    static List<ReplyLine> readAll(byte[] wire) {
        List<ReplyLine> replies = new ArrayList<>();
        int start = 0;
        while (start < wire.length) {
            int end = start;
            while (end < wire.length && wire[end] != '\n') {
                end++;
            }
            if (end == wire.length) {
                throw new AssertionError("reply not terminated by a newline: " + describe(wire, start, end));
            }
            replies.add(read(wire, start, end));
            start = end + 1;
        }
        return replies;
    }

    private static ReplyLine read(byte[] wire, int start, int end) {
        boolean delimited = wire[start] == (byte) 0xFF;
        int from = delimited ? start + 1 : start;
        StringBuilder text = new StringBuilder(end - from);
        for (int i = from; i < end; i++) {
            if (wire[i] < 0x20 || wire[i] > 0x7E) {
                throw new AssertionError("byte " + (wire[i] & 0xFF) + " in a reply: " + describe(wire, start, end));
            }
            text.append((char) wire[i]);
        }
        Reader reader = new Reader(text.toString());
        JsonNode value = reader.value();
        if (reader.at != text.length()) {
            throw new AssertionError("text after the reply's value: " + text);
        }
        if (!value.isObject()) {
            throw new AssertionError("a reply that is no object: " + text);
        }
        return new ReplyLine(delimited, (ObjectNode) value, text.toString());
    }

    private static String describe(byte[] wire, int start, int end) {
        return new String(wire, start, Math.min(end - start, 300), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Recursive descent over qemu's output grammar; nesting is bounded by what the parser accepts (1024). */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        JsonNode value() {
            char c = peek();
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return NODES.textNode(string());
            }
            for (String keyword : new String[] {"true", "false", "null", "inf", "-inf"}) {
                if (text.startsWith(keyword, at)) {
                    at += keyword.length();
                    return switch (keyword) {
                        case "true" -> NODES.booleanNode(true);
                        case "false" -> NODES.booleanNode(false);
                        case "null" -> NODES.nullNode();
                        default -> NODES.numberNode(keyword.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                    };
                }
            }
            return number();
        }

        private ObjectNode object() {
            expect("{");
            ObjectNode object = NODES.objectNode();
            if (!tryExpect("}")) {
                do {
                    String key = string();
                    expect(": ");
                    if (object.replace(key, value()) != null) {
                        throw fail("duplicate key '" + key + "'");
                    }
                } while (tryExpect(", "));
                expect("}");
            }
            return object;
        }

        private ArrayNode array() {
            expect("[");
            ArrayNode array = NODES.arrayNode();
            if (!tryExpect("]")) {
                do {
                    array.add(value());
                } while (tryExpect(", "));
                expect("]");
            }
            return array;
        }

        private String string() {
            expect("\"");
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escape = next();
                switch (escape) {
                    case '"', '\\' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(unicodeEscape());
                    default -> throw fail("escape \\" + escape);
                }
            }
        }

        private char unicodeEscape() {
            String hex = text.substring(at, Math.min(at + 4, text.length()));
            if (hex.length() < 4 || !hex.chars().allMatch(h -> Character.isDigit(h) || (h >= 'A' && h <= 'F'))) {
                throw fail("\\u not followed by four upper-case hex digits");
            }
            at += 4;
            char c = (char) Integer.parseInt(hex, 16);
            boolean hasShortEscape = "\"\\\b\f\n\r\t".indexOf(c) >= 0;
            if (hasShortEscape || (c >= 0x20 && c < 0x7F)) {
                throw fail("\\u" + hex + " where the character is written otherwise");
            }
            return c;
        }

        private JsonNode number() {
            int start = at;
            tryExpect("-");
            if (!tryExpect("0")) {
                digits();
            }
            if (tryExpect(".")) {
                digits();
            }
            if (tryExpect("e")) {
                if (!tryExpect("+")) {
                    tryExpect("-");
                }
                digits();
            }
            String number = text.substring(start, at);
            BigDecimal value = new BigDecimal(number);
            return number.matches("-?\\d+") ? NODES.numberNode(value.toBigInteger()) : NODES.numberNode(value);
        }

        private void digits() {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw fail("a number without digits");
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw fail("end of reply inside a value");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(String token) {
            if (!tryExpect(token)) {
                throw fail("expected '" + token + "'");
            }
        }

        private boolean tryExpect(String token) {
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        private AssertionError fail(String problem) {
            return new AssertionError(problem + " at " + at + " of reply: " + text);
        }
    }
}
