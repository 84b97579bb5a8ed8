package org.jqga.programs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for a system program (shutdown, systemctl ...): a shell script in a test directory that records
 * each call's argv (argv[0] first) and stdin, then runs a given shell body (e.g. "exit 3"). Nothing real is
 * ever run by the tests that use it. Shared by the tests of every bundle that runs helper programs (a test-jar).
 */
public final class FakeProgram {

    public final Path program;
    private final Path calls;
    private final Path stdin;

    private FakeProgram(Path program) {
        this.program = program;
        this.calls = program.resolveSibling(program.getFileName() + ".calls");
        this.stdin = program.resolveSibling(program.getFileName() + ".stdin");
    }

    /** A program that prints {@code output} and exits with {@code status}. */
    public static FakeProgram exiting(Path directory, String name, int status, String output) throws IOException {
        Path text = directory.resolve(name + ".out");
        Files.writeString(text, output);
        return install(directory, name, "cat '" + text + "'\nexit " + status);
    }

    public static FakeProgram install(Path directory, String name, String body) throws IOException {
        Files.createDirectories(directory);
        FakeProgram fake = new FakeProgram(directory.resolve(name));
        String script = "#!/bin/sh\n"
                + "{ printf '%s\\037' \"$0\" \"$@\"; printf '\\n'; } >> '" + fake.calls + "'\n"
                + "cat > '" + fake.stdin + "'\n"
                + body + "\n";
        Files.writeString(fake.program, script);
        Files.setPosixFilePermissions(fake.program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    /** Every call's argv in order; empty if never called. */
    public List<List<String>> calls() throws IOException {
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls, StandardCharsets.UTF_8).stream()
                .map(line -> Arrays.asList(line.split("\037", -1)).subList(0, line.split("\037", -1).length - 1))
                .toList();
    }

    /** What the last call read from its standard input. */
    public String stdin() throws IOException {
        return Files.readString(stdin, StandardCharsets.UTF_8);
    }
}
