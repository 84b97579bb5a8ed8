package org.jqga.commands.account.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jqga.api.CommandException;

/**
 * A user's ~/.ssh/authorized_keys as qemu-ga handles it: read whole and split at '\n' (so a final newline
 * yields an empty last line), written as the lines joined with '\n' (no final newline), owned by the user with
 * mode 0600, in a ~/.ssh created with mode 0700 when missing.
 *
 * <p>The file is replaced atomically through a temporary file that is owned and 0600 before it gets the real
 * name, so the keys are never readable by others, not even for a moment.
 */
final class AuthorizedKeysFile {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private final UserAccount user;
    final Path sshDirectory;
    final Path file;

    AuthorizedKeysFile(UserAccount user) {
        this.user = user;
        this.sshDirectory = user.home().resolve(".ssh");
        this.file = sshDirectory.resolve("authorized_keys");
    }

    /** The lines, unstripped; empty for an empty file. */
    List<String> read() throws CommandException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            String glibText = e instanceof NoSuchFileException || e instanceof AccessDeniedException
                    ? "Failed to open file \u201c" + file + "\u201d: " : "Failed to read from file \u201c" + file + "\u201d: ";
            throw CommandException.genericError("failed to read '" + file + "': " + glibText + ErrnoText.of(e));
        }
        if (content.length == 0) {
            return List.of();
        }
        return Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\n", -1));
    }

    /** Creates ~/.ssh (0700, the user's) unless there is a directory already. */
    void ensureSshDirectory() throws CommandException {
        if (Files.isDirectory(sshDirectory)) {
            return;
        }
        try {
            Files.createDirectory(sshDirectory);
        } catch (IOException e) {
            throw CommandException.genericError("failed to create directory '" + sshDirectory + "': " + ErrnoText.of(e));
        }
        try {
            chown(sshDirectory);
        } catch (IOException e) {
            throw CommandException.genericError("failed to set ownership of directory '" + sshDirectory + "': "
                    + ErrnoText.of(e));
        }
        try {
            Files.setPosixFilePermissions(sshDirectory, DIRECTORY_MODE);
        } catch (IOException e) {
            throw CommandException.genericError("failed to set permissions of directory '" + sshDirectory + "': "
                    + ErrnoText.of(e));
        }
    }

    void write(List<String> lines) throws CommandException {
        Path temporary;
        try {
            temporary = Files.createTempFile(sshDirectory, "authorized_keys.", ".tmp",
                    PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (IOException e) {
            throw CommandException.genericError("failed to write to '" + file + "': " + ErrnoText.of(e));
        }
        try {
            try {
                Files.write(temporary, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw CommandException.genericError("failed to write to '" + file + "': " + ErrnoText.of(e));
            }
            try {
                chown(temporary);
            } catch (IOException e) {
                // sic: qemu-ga says "directory" for the file too
                throw CommandException.genericError("failed to set ownership of directory '" + file + "': "
                        + ErrnoText.of(e));
            }
            try {
                Files.setPosixFilePermissions(temporary, FILE_MODE);
            } catch (IOException e) {
                throw CommandException.genericError("failed to set permissions of '" + file + "': " + ErrnoText.of(e));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("a rename within one directory is atomic", e);
            } catch (IOException e) {
                throw CommandException.genericError("failed to write to '" + file + "': " + ErrnoText.of(e));
            }
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing left to protect: the temporary file holds keys only the user may read
            }
        }
    }

    private void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", user.uid());
        Files.setAttribute(path, "unix:gid", user.gid());
    }
}
