package org.jqga.commands.account.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A passwd(5) file: {@code name:password:uid:gid:gecos:home:shell} per line. Like glibc's files backend, the
 * first line with the name wins and malformed lines are skipped.
 */
final class PasswdFile implements UserDatabase {

    private final Path file;

    PasswdFile(Path file) {
        this.file = file;
    }

    @Override
    public Optional<UserAccount> find(String name) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split(":", -1);
            if (fields.length != 7 || !fields[0].equals(name)) {
                continue;
            }
            try {
                return Optional.of(new UserAccount(name, Integer.parseUnsignedInt(fields[2]),
                        Integer.parseUnsignedInt(fields[3]), Path.of(fields[5])));
            } catch (NumberFormatException malformed) {
                // skipped, as getpwent(3) skips lines it cannot parse
            }
        }
        return Optional.empty();
    }
}
