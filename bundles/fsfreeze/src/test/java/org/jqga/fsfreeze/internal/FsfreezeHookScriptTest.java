package org.jqga.fsfreeze.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** src/main/dist/fsfreeze-hook: runs fsfreeze-hook.d/* in order, skips leftovers, always succeeds. */
class FsfreezeHookScriptTest {

    private static final Path SCRIPT = Path.of("src/main/dist/fsfreeze-hook");

    @TempDir
    Path temp;

    @Test
    void runsEachExecutableOfTheDirectoryInNameOrderWithTheArgument() throws Exception {
        Path hook = Files.copy(SCRIPT, temp.resolve("fsfreeze-hook"));
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path scripts = Files.createDirectory(temp.resolve("fsfreeze-hook.d"));
        Path calls = temp.resolve("calls");
        for (String name : List.of("20-second", "10-first", "30-fails", "40-last.sh", "x.bak", "x~", "x.orig",
                "x.sample", "x.dpkg-old", "x.rpmnew")) {
            script(scripts.resolve(name), "echo \"" + name + " $*\" >> '" + calls + "'\n"
                    + (name.equals("30-fails") ? "echo oops; exit 9\n" : ""), true);
        }
        script(scripts.resolve("50-not-executable"), "echo 50 >> '" + calls + "'\n", false);
        Path log = temp.resolve("hook.log");

        Process process = new ProcessBuilder(hook.toString(), "freeze")
                .redirectErrorStream(true).redirectOutput(temp.resolve("stdout").toFile()).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "a failing script does not fail the hook");
        assertEquals(List.of("10-first freeze", "20-second freeze", "30-fails freeze", "40-last.sh freeze"),
                Files.readAllLines(calls));

        // second run with the log redirected, to see what the scripts printed and their statuses
        Files.delete(calls);
        ProcessBuilder withLog = new ProcessBuilder(hook.toString(), "thaw").redirectErrorStream(true)
                .redirectOutput(temp.resolve("stdout2").toFile());
        withLog.environment().put("FSFREEZE_HOOK_LOG", log.toString());
        Process second = withLog.start();
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
        assertEquals(List.of("10-first thaw", "20-second thaw", "30-fails thaw", "40-last.sh thaw"),
                Files.readAllLines(calls));
        String logged = Files.readString(log);
        assertTrue(logged.contains("30-fails thaw exited with status 9"), logged);
        assertTrue(logged.contains("oops"), logged);
    }

    @Test
    void noDirectoryMeansNothingToDo() throws Exception {
        Path hook = Files.copy(SCRIPT, temp.resolve("fsfreeze-hook"));
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process process = new ProcessBuilder(hook.toString(), "freeze").start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    private static void script(Path path, String body, boolean executable) throws Exception {
        Files.writeString(path, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
