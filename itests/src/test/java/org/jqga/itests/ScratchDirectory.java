package org.jqga.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A test's directory under java.io.tmpdir (a state directory, a socket, a deploy folder), removed when the test JVM
 * exits: the container's agent keeps using it until pax-exam stops the framework, after every test method and class
 * callback has run, so nothing earlier may remove it.
 */
final class ScratchDirectory {

    private ScratchDirectory() {
    }

    static Path removedAtExit(String prefix) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), prefix + ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(dir), "remove " + dir.getFileName()));
        return dir;
    }

    private static void remove(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
