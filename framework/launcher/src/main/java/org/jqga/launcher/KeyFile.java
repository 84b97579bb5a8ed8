package org.jqga.launcher;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of GLib's key-file format (GKeyFile) that qemu-ga's configuration uses: {@code [group]} lines,
 * {@code key=value} lines with whitespace around '=', '#' comments, blank lines, CRLF line ends, repeated groups
 * merged and repeated keys overriding. String values understand GLib's escapes (\s \n \t \r \\), booleans are
 * exactly true/false/1/0. Error texts follow GLib so that jqga fails on the same files, with the same words, as
 * qemu-ga does.
 */
final class KeyFile {

    private final Map<String, Map<String, String>> groups = new LinkedHashMap<>();

    private KeyFile() {
    }

    static KeyFile parse(String text) throws KeyFileException {
        KeyFile file = new KeyFile();
        Map<String, String> current = null;
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            line = stripLeadingSpace(line);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (isGroupLine(line)) {
                String name = line.substring(1, line.lastIndexOf(']'));
                if (!isGroupName(name)) {
                    throw new KeyFileException("Invalid group name: " + name);
                }
                current = file.groups.computeIfAbsent(name, n -> new HashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new KeyFileException("Key file contains line \u201c" + line
                        + "\u201d which is not a key-value pair, group, or comment");
            }
            if (current == null) {
                throw new KeyFileException("Key file does not start with a group");
            }
            String key = stripTrailingSpace(line.substring(0, equals));
            if (!isKeyName(key)) {
                throw new KeyFileException("Invalid key name: " + key);
            }
            current.put(key, stripLeadingSpace(line.substring(equals + 1)));
        }
        return file;
    }

    boolean hasKey(String group, String key) {
        return raw(group, key).isPresent();
    }

    /** The value as written (leading whitespace removed, escapes not yet interpreted). */
    Optional<String> raw(String group, String key) {
        Map<String, String> entries = groups.get(group);
        return Optional.ofNullable(entries == null ? null : entries.get(key));
    }

    Optional<String> getString(String group, String key) throws KeyFileException {
        Optional<String> value = raw(group, key);
        if (value.isEmpty()) {
            return value;
        }
        try {
            return Optional.of(unescape(value.get()));
        } catch (IllegalArgumentException e) {
            throw uninterpretable(key);
        }
    }

    Optional<Boolean> getBoolean(String group, String key) throws KeyFileException {
        Optional<String> value = raw(group, key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (stripTrailingSpace(value.get())) {
            case "true", "1" -> Optional.of(Boolean.TRUE);
            case "false", "0" -> Optional.of(Boolean.FALSE);
            default -> throw uninterpretable(key);
        };
    }

    private static KeyFileException uninterpretable(String key) {
        return new KeyFileException("Key file contains key \u201c" + key
                + "\u201d which has a value that cannot be interpreted.");
    }

    /** Turns a value as written into the string it stands for; IllegalArgumentException for a bad escape. */
    static String unescape(String written) {
        StringBuilder out = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == written.length()) {
                throw new IllegalArgumentException("escape character at end of line");
            }
            switch (written.charAt(i)) {
                case 's' -> out.append(' ');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                default -> throw new IllegalArgumentException("invalid escape sequence \\" + written.charAt(i));
            }
        }
        return out.toString();
    }

    /**
     * Writes a string the way g_key_file_set_string does: backslash, newline and carriage return are always
     * escaped; spaces and tabs only while no other character has been written yet (so leading whitespace
     * survives the whitespace stripping of the reader).
     */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        boolean leading = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ' ' -> out.append(leading ? "\\s" : " ");
                case '\t' -> out.append(leading ? "\\t" : "\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> {
                    out.append("\\\\");
                    leading = false;
                }
                default -> {
                    out.append(c);
                    leading = false;
                }
            }
        }
        return out.toString();
    }

    /** '[' ... first ']' followed by nothing but blanks. */
    private static boolean isGroupLine(String line) {
        if (!line.startsWith("[")) {
            return false;
        }
        int close = line.indexOf(']');
        if (close < 0) {
            return false;
        }
        for (int i = close + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isGroupName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[' || c == ']' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** A name, optionally followed by one locale suffix such as {@code [de_DE.UTF-8@euro]}, and nothing else. */
    private static boolean isKeyName(String key) {
        int p = 0;
        while (p < key.length() && key.charAt(p) != '[' && key.charAt(p) != ']') {
            p++;
        }
        if (p == 0) {
            return false;
        }
        if (p < key.length() && key.charAt(p) == '[') {
            p++;
            while (p < key.length() && isLocaleChar(key.charAt(p))) {
                p++;
            }
            if (p == key.length() || key.charAt(p) != ']') {
                return false;
            }
            p++;
        }
        return p == key.length();
    }

    private static boolean isLocaleChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == '@';
    }

    private static String stripLeadingSpace(String s) {
        int start = 0;
        while (start < s.length() && isAsciiSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    private static String stripTrailingSpace(String s) {
        int end = s.length();
        while (end > 0 && isAsciiSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** g_ascii_isspace: space, \t, \n, \v, \f, \r. */
    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
