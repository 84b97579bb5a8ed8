package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyFileTest {

    private static String parseError(String text) {
        return assertThrows(KeyFileException.class, () -> KeyFile.parse(text)).getMessage();
    }

    @Test
    void commentsBlankLinesWhitespaceAndCrlf() throws KeyFileException {
        KeyFile f = KeyFile.parse("# comment\n\n  # indented\n [general] \r\n  method =  unix-listen  \r\n");
        // leading blanks of a value go, trailing ones stay (GLib keeps them too)
        assertEquals(Optional.of("unix-listen  "), f.getString("general", "method"));
    }

    @Test
    void repeatedGroupsMergeAndRepeatedKeysOverride() throws KeyFileException {
        KeyFile f = KeyFile.parse("[general]\nlogfile=/a\n[other]\nmethod=x\n[general]\nlogfile=/b\n");
        assertEquals(Optional.of("/b"), f.getString("general", "logfile"));
        assertFalse(f.hasKey("general", "method"));
        assertTrue(f.hasKey("other", "method"));
    }

    @Test
    void stringEscapes() throws KeyFileException {
        KeyFile f = KeyFile.parse("[g]\na=x\\sy\\tz\\n\\r\\\\\nb=\\s lead\n");
        assertEquals(Optional.of("x y\tz\n\r\\"), f.getString("g", "a"));
        assertEquals(Optional.of("  lead"), f.getString("g", "b"));
    }

    @Test
    void badEscapesMakeTheValueUninterpretable() throws KeyFileException {
        for (String value : new String[] {"a\\qb", "ab\\", "a\\;b"}) {
            KeyFile f = KeyFile.parse("[general]\npath=" + value + "\n");
            KeyFileException e = assertThrows(KeyFileException.class, () -> f.getString("general", "path"));
            assertEquals("Key file contains key \u201cpath\u201d which has a value that cannot be interpreted.",
                    e.getMessage());
        }
    }

    @Test
    void booleansAreExactlyTrueFalseOneZero() throws KeyFileException {
        KeyFile f = KeyFile.parse("[g]\na=true\nb=1\nc=false\nd=0\ne=true \t\nf=TRUE\ng=yes\nh=\n");
        assertEquals(Optional.of(true), f.getBoolean("g", "a"));
        assertEquals(Optional.of(true), f.getBoolean("g", "b"));
        assertEquals(Optional.of(false), f.getBoolean("g", "c"));
        assertEquals(Optional.of(false), f.getBoolean("g", "d"));
        assertEquals(Optional.of(true), f.getBoolean("g", "e"));
        assertEquals(Optional.empty(), f.getBoolean("g", "missing"));
        for (String key : new String[] {"f", "g", "h"}) {
            assertEquals("Key file contains key \u201c" + key + "\u201d which has a value that cannot be interpreted.",
                    assertThrows(KeyFileException.class, () -> f.getBoolean("g", key)).getMessage());
        }
    }

    @Test
    void syntaxErrorsUseGlibWording() {
        assertEquals("Key file does not start with a group", parseError("method=x\n"));
        assertEquals("Key file contains line \u201cfoo\u201d which is not a key-value pair, group, or comment",
                parseError("[general]\nfoo\n"));
        assertEquals("Key file contains line \u201c=x\u201d which is not a key-value pair, group, or comment",
                parseError("[general]\n=x\n"));
        assertEquals("Key file contains line \u201c[general]#x\u201d which is not a key-value pair, group, or comment",
                parseError("[general]#x\n"));
        assertEquals("Key file contains line \u201c[bad\u201d which is not a key-value pair, group, or comment",
                parseError("[general]\n[bad\n"));
        assertEquals("Invalid group name: ", parseError("[]\n"));
        assertEquals("Invalid group name: a[b", parseError("[a[b]\n"));
        assertEquals("Invalid key name: k]", parseError("[g]\nk]=v\n"));
        assertEquals("Invalid key name: k[x", parseError("[g]\nk[x=v\n"));
    }

    @Test
    void localisedKeysAreSeparateKeys() throws KeyFileException {
        KeyFile f = KeyFile.parse("[g]\npath[de]=x\nk[]=y\nk ey=z\n");
        assertFalse(f.hasKey("g", "path"));
        assertTrue(f.hasKey("g", "path[de]"));
        assertTrue(f.hasKey("g", "k ey"));
    }

    @Test
    void escapeWritesWhatGlibWrites() {
        // observed with qemu-ga -D: leading blanks escaped, newline does not end the leading run, backslash does
        assertEquals("\\sa\\\\b\\nc\td ", KeyFile.escape(" a\\b\nc\td "));
        assertEquals("\\n\\sx", KeyFile.escape("\n x"));
        assertEquals("\\\\ x", KeyFile.escape("\\ x"));
        assertEquals("\\t\\sy", KeyFile.escape("\t y"));
        assertEquals("\\s\\sy\\\\n\\\\\\\\", KeyFile.escape("  y\\n\\\\"));
    }

    @Test
    void escapeAndUnescapeRoundTrip() throws KeyFileException {
        String value = " \t odd\\value\nwith\rall  ";
        KeyFile f = KeyFile.parse("[g]\nk=" + KeyFile.escape(value) + "\n");
        assertEquals(Optional.of(value), f.getString("g", "k"));
    }
}
