package org.jqga.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperProgramTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void stdinIsDeliveredAndStdoutAndStderrAreCapturedTogether() throws Exception {
        Path echo = script("echo-back", "cat; echo err >&2; exit 5");
        ProgramRun run = HelperProgram.run(List.of(echo.toString()), "user:pw\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(5, run.exitStatus());
        assertEquals("user:pw\nerr\n", run.output());
    }

    @Test
    void withoutInputTheProgramReadsDevNull() throws Exception {
        Path reader = script("reader", "wc -c");
        assertEquals("0", HelperProgram.run(List.of(reader.toString()), null).output().trim());
    }

    @Test
    void largeOutputDoesNotDeadlockALargeInput() throws Exception {
        Path both = script("both", "cat; head -c 1000000 /dev/zero");
        byte[] input = new byte[1_000_000];
        ProgramRun run = HelperProgram.run(List.of(both.toString()), input);
        assertEquals(0, run.exitStatus());
        assertEquals(2_000_000, run.output().length());
    }

    @Test
    void runForTurnsFailuresIntoQemuGasTexts() throws Exception {
        Path loud = script("loud", "echo 'no way'; exit 1");
        Path quiet = script("quiet", "exit 7");
        CommandException e = assertThrows(CommandException.class, () -> HelperProgram.runFor("do it", List.of(loud.toString()), null));
        assertEquals("child process has failed to do it: no way\n", e.desc());
        e = assertThrows(CommandException.class, () -> HelperProgram.runFor("do it", List.of(quiet.toString()), null));
        assertEquals("child process has failed to do it: exit status 7", e.desc());
        Path missing = dir.resolve("missing");
        e = assertThrows(CommandException.class, () -> HelperProgram.runFor("do it", List.of(missing.toString()), null));
        assertEquals("child process has failed to do it: failed to exec '" + missing + "': No such file or directory\n", e.desc());
        Path notExecutable = Files.writeString(dir.resolve("plain"), "exit 0\n");
        e = assertThrows(CommandException.class, () -> HelperProgram.runFor("do it", List.of(notExecutable.toString()), null));
        assertEquals("child process has failed to do it: failed to exec '" + notExecutable + "': Permission denied\n", e.desc());
        HelperProgram.runFor("do it", List.of(script("fine", "exit 0").toString()), null);
    }

    @Test
    void programSearchFindsOnlyExecutableFilesInPathOrder() throws Exception {
        Path first = Files.createDirectories(dir.resolve("a"));
        Path second = Files.createDirectories(dir.resolve("b"));
        Files.writeString(first.resolve("tool"), "not executable");
        Files.createDirectory(first.resolve("other"));
        Path tool = second.resolve("tool");
        Files.writeString(tool, "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = first + ":" + second;
        assertEquals(tool, ProgramSearch.find("tool", path).orElseThrow());
        assertTrue(ProgramSearch.find("other", path).isEmpty());
        assertTrue(ProgramSearch.find("absent", path).isEmpty());
        assertEquals(tool, ProgramSearch.find(tool.toString(), "").orElseThrow());
    }
}
