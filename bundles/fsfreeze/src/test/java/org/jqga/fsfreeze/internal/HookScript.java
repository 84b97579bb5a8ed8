package org.jqga.fsfreeze.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A hook that appends its argument to a log file and exits with a chosen status per argument. */
final class HookScript {

    final Path script;
    final Path log;

    HookScript(Path dir, int freezeStatus, int thawStatus) throws IOException {
        this.script = dir.resolve("hook.sh");
        this.log = dir.resolve("hook.log");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$1 $#\" >> '" + log + "'\n"
                + "case \"$1\" in freeze) exit " + freezeStatus + ";; thaw) exit " + thawStatus + ";; esac\n"
                + "exit 99\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The arguments the hook was called with, in order ("freeze", "thaw"). */
    List<String> calls() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().map(line -> {
            if (!line.endsWith(" 1")) {
                throw new AssertionError("hook got other than one argument: " + line);
            }
            return line.substring(0, line.length() - 2);
        }).toList();
    }
}
