package org.jqga.fsfreeze.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreezeHookTest {

    @TempDir
    Path temp;

    @Test
    void noHookConfiguredDoesNothing() throws Exception {
        FreezeHook none = FreezeHook.fromProperty("");
        assertFalse(none.configured());
        none.run(FreezeHook.FREEZE);
        assertFalse(FreezeHook.fromProperty(null).configured());
        assertFalse(FreezeHook.fromProperty("  ").configured());
    }

    @Test
    void theHookGetsExactlyItsArgument() throws Exception {
        HookScript hook = new HookScript(temp, 0, 0);
        FreezeHook.fromProperty(hook.script.toString()).run(FreezeHook.FREEZE);
        new FreezeHook(hook.script).run(FreezeHook.THAW);
        assertEquals(List.of("freeze", "thaw"), hook.calls());
    }

    @Test
    void aNonZeroExitIsQemuGa72sError() throws Exception {
        HookScript hook = new HookScript(temp, 7, 0);
        CommandException e = assertThrows(CommandException.class, () -> new FreezeHook(hook.script).run("freeze"));
        assertEquals("fsfreeze hook has failed with status 7", e.desc());
    }

    @Test
    void aMissingHookCannotBeAccessed() {
        Path missing = temp.resolve("missing-hook");
        CommandException e = assertThrows(CommandException.class, () -> new FreezeHook(missing).run("freeze"));
        assertEquals("can't access fsfreeze hook '" + missing + "': No such file or directory", e.desc());
    }

    @Test
    void aHookWithoutExecutePermissionCannotBeAccessed() throws Exception {
        Path plain = Files.writeString(temp.resolve("plain"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        CommandException e = assertThrows(CommandException.class, () -> new FreezeHook(plain).run("freeze"));
        assertEquals("can't access fsfreeze hook '" + plain + "': Permission denied", e.desc());
    }

    @Test
    void aHookThatCannotBeExecutedFails() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken"), "#!/nonexistent/interpreter\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        CommandException e = assertThrows(CommandException.class, () -> new FreezeHook(broken).run("freeze"));
        // qemu-ga's forked child exits 1; setsid(1) reports a failed exec as 127, a JVM that cannot start it as 1
        int expected = Files.isExecutable(Path.of("/usr/bin/setsid")) ? 127 : 1;
        assertEquals("fsfreeze hook has failed with status " + expected, e.desc());
    }

    @Test
    void theHookRunsInItsOwnSessionWithStdinFromDevNull() throws Exception {
        Path out = temp.resolve("out");
        Path hook = Files.writeString(temp.resolve("probe"), "#!/bin/sh\n"
                + "sid=$(cut -d' ' -f6 /proc/$$/stat)\n"
                + "echo \"$$ $sid $(readlink /proc/$$/fd/0)\" > '" + out + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        new FreezeHook(hook).run("freeze");
        String[] fields = Files.readString(out).strip().split(" ");
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            assertEquals(fields[0], fields[1], "session leader (pid == sid)");
        }
        assertEquals("/dev/null", fields[2]);
    }
}
