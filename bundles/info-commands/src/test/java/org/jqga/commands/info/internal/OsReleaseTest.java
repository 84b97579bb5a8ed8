package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsReleaseTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // as qemu-ga 7.2 unquotes (checked against it with QGA_OS_RELEASE)
        "\"Debian GNU/Linux\"|Debian GNU/Linux",
        "\"a \\\"b\\\" \\$c \\`d\\` \\\\ e\"|a \"b\" $c `d` \\ e",
        "\"keep \\q and \\n\"|keep \\q and \\n",
        "\"closed\" trailing garbage|closed",
        "plain|plain",
        "semi;colon|semi",
        "~~|~~",
        // deliberately not as qemu-ga (spec §11.8 and the single-quote slip)
        "12 (bookworm edition)|12 (bookworm edition)",
        "trailing blanks   |trailing blanks",
        "'Server Edition'|Server Edition",
        "'it\\'s'|it's",
        "\"unterminated value|unterminated value",
    })
    void unquote(String raw, String expected) {
        assertEquals(expected, OsRelease.unquote(raw));
    }

    @Test
    void keyFileRules() {
        Map<String, String> values = OsRelease.parse((
                "# comment\n"
                + "   # indented comment\n"
                + "\n"
                + "  NAME = \"spaced key\"\r\n"
                + "ID=first\n"
                + "ID=second\n"
                + "no assignment here\n"
                + "=no key\n"
                + "VERSION_ID=\"12\"\n"
                + "[another group]\n"
                + "VARIANT=hidden\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("NAME", "spaced key", "ID", "second", "VERSION_ID", "12"), values);
    }

    @Test
    void notUtf8IsRejectedWhole() {
        assertNull(OsRelease.parse("ID=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Map.of("ID", "caf\u00e9"), OsRelease.parse("ID=caf\u00e9\n".getBytes(StandardCharsets.UTF_8)));
    }
}
