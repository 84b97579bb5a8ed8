package org.jqga.commands.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * qemu-ga's persistent state file, {@code <statedir>/qga.state}: a GLib key file whose only key is
 * {@code fd_counter} in group {@code [global]}, the next guest-file handle. Sharing the file and format with
 * qemu-ga means handle numbers keep increasing when one agent replaces the other.
 */
final class StateFile {

    static final String FILE_NAME = "qga.state";
    static final long DEFAULT_FD_COUNTER = 1000;

    private static final String GROUP = "global";
    private static final String KEY = "fd_counter";

    private final Path path;

    StateFile(Path stateDir) {
        this.path = stateDir.resolve(FILE_NAME);
    }

    Path path() {
        return path;
    }

    /**
     * The stored counter; {@link #DEFAULT_FD_COUNTER} when the file or the key is missing.
     *
     * @throws IOException when the file cannot be read or the key's value is not an integer
     */
    long loadFdCounter() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return DEFAULT_FD_COUNTER;
        }
        String group = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                group = line.substring(1, line.length() - 1);
                continue;
            }
            int equals = line.indexOf('=');
            if (GROUP.equals(group) && equals > 0 && line.substring(0, equals).strip().equals(KEY)) {
                String value = line.substring(equals + 1).strip();
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException(path + ": " + KEY + " is not an integer: '" + value + "'");
                }
            }
        }
        return DEFAULT_FD_COUNTER;
    }

    /**
     * Replaces the file with one holding {@code fdCounter}, durably: a temporary file in the same directory
     * is written and synced, renamed over the old one, and the directory synced, so a crash leaves either
     * the old or the new counter and never a torn file.
     */
    void storeFdCounter(long fdCounter) throws IOException {
        byte[] content = ("[" + GROUP + "]\n" + KEY + "=" + fdCounter + "\n").getBytes(StandardCharsets.UTF_8);
        Path directory = path.toAbsolutePath().getParent();
        Path temporary = directory.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened or synced; the rename itself has happened
        }
    }
}
