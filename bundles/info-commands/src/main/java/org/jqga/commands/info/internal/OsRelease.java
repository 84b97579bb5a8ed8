package org.jqga.commands.info.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses os-release(5) the way qemu-ga reads it (a GLib key file plus its own unquoting), with two of its
 * bugs fixed on purpose:
 * <ul>
 * <li>qemu-ga cuts an unquoted value at its first space ({@code VERSION=12 (bookworm)} becomes "12"; spec
 * §11.8). Here an unquoted value is kept whole, trailing blanks dropped; it is still cut at the first
 * {@code ;}, which ends a shell assignment.</li>
 * <li>qemu-ga means to unquote single-quoted values too, but its test misses them and reports
 * {@code 'single} for {@code X='single quoted'}. Here single quotes are unquoted like double quotes.</li>
 * </ul>
 * Kept from qemu-ga: {@code \$ \' \" \\ \`} are unescaped inside quotes, any other backslash stays; the value
 * ends at the closing quote; comments and blank lines are skipped; blanks around the {@code =} are ignored;
 * the last assignment of a key wins; a file that is not valid UTF-8 yields nothing. Unlike GLib, a line that
 * is no assignment only loses that line, not the whole file, and a missing closing quote keeps the rest of
 * the line instead of qemu-ga's garbled copy.
 */
final class OsRelease {

    private OsRelease() {
    }

    /** @return the key/value pairs, or null if the content is not UTF-8 (qemu-ga then ignores the file) */
    static Map<String, String> parse(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        boolean inFileGroup = true;   // GLib sees the file as one group; a [section] line starts another
        for (String rawLine : text.split("\n", -1)) {
            String line = stripLeadingBlanks(rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                inFileGroup = false;
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || !inFileGroup) {
                continue;
            }
            String key = line.substring(0, equals).stripTrailing();
            values.put(key, unquote(stripLeadingBlanks(line.substring(equals + 1))));
        }
        return values;
    }

    static String unquote(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char quote = value.charAt(0);
        if (quote != '"' && quote != '\'') {
            int semicolon = value.indexOf(';');
            return (semicolon >= 0 ? value.substring(0, semicolon) : value).stripTrailing();
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == quote) {
                break;
            }
            if (ch == '\\' && i + 1 < value.length() && "$'\"\\`".indexOf(value.charAt(i + 1)) >= 0) {
                ch = value.charAt(++i);
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static String stripLeadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        return s.substring(i);
    }
}
