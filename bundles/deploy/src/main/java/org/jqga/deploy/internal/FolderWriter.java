package org.jqga.deploy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Puts a bundle into the deploy folder the way an admin should: written to a dot file first (the watcher ignores
 * those), synced, then renamed over the old file, so the watcher never sees half a jar. The signature goes first,
 * so that the new jar finds its own signature beside it.
 */
final class FolderWriter {

    private FolderWriter() {
    }

    static void put(Path folder, String fileName, byte[] jar, byte[] signature) throws IOException {
        Path signatureFile = folder.resolve(fileName + ".sig");
        if (signature != null) {
            writeAtomically(folder, fileName + ".sig", signature);
        } else {
            Files.deleteIfExists(signatureFile);
        }
        writeAtomically(folder, fileName, jar);
    }

    static void delete(Path folder, String fileName) throws IOException {
        Files.deleteIfExists(folder.resolve(fileName));
        Files.deleteIfExists(folder.resolve(fileName + ".sig"));
    }

    private static void writeAtomically(Path folder, String fileName, byte[] bytes) throws IOException {
        Path temporary = folder.resolve("." + fileName + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporary, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
