package org.jqga.commands.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.policy.PathRules;
import org.jqga.api.policy.PathVerdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guest-file-open asks the policy's PathRules before opening, and opens what the policy resolved. */
class GuestFileOpenPolicyTest {

    @TempDir
    Path dir;

    private FileHandleTable table;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        table = new FileHandleTable(Files.createDirectory(dir.resolve("state")), 16);
    }

    private GuestFileOpen open(PathRules rules) {
        return new GuestFileOpen(table, rules);
    }

    @Test
    void refusalNamesPathModeAndRuleAndOpensNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("etc-hosts"), "h");
        PathRules readOnly = (command, path, access) -> {
            asked.add(command + " " + access);
            return access == PathRules.Access.READ ? PathVerdict.allowed(path)
                    : PathVerdict.refused(path, "guest-file-open.read-only-paths");
        };
        CommandException e = assertThrows(CommandException.class,
                () -> open(readOnly).execute(new GuestFileOpen.Arguments(file.toString(), "r+"), null));
        assertEquals("failed to open file '" + file + "' (mode: 'r+'): refused by policy rule guest-file-open.read-only-paths", e.desc());
        assertEquals(0, table.openCount());
        long handle = open(readOnly).execute(new GuestFileOpen.Arguments(file.toString(), "rb"), null);
        assertTrue(handle >= 1000);
        assertEquals(List.of("guest-file-open WRITE", "guest-file-open READ"), asked);
    }

    @Test
    void opensTheResolvedPathTheRulesReturn() throws Exception {
        Path real = Files.writeString(dir.resolve("real"), "real content");
        Path other = Files.writeString(dir.resolve("given"), "given content");
        GuestFileOpen command = open((c, path, access) -> PathVerdict.allowed(real.toString()));
        long handle = command.execute(new GuestFileOpen.Arguments(other.toString(), null), null);
        GuestFileRead read = new GuestFileRead(table);
        String content = new String(FileCommandsFixture.bytes(read.execute(new GuestFileRead.Arguments(handle, 100L), FileCommandsFixture.CONTEXT)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("real content", content);
    }

    @Test
    void withoutRulesTheGivenPathIsOpened() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertTrue(open(null).execute(new GuestFileOpen.Arguments(file.toString(), "w"), null) >= 1000);
    }
}
