package org.jqga.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Copying and deleting directory trees (scratch directories, bundle caches). */
final class FileTrees {

    private FileTrees() {
    }

    /** Copies the tree {@code from} into {@code to}, creating directories and replacing files that exist. */
    static void copy(Path from, Path to) throws IOException {
        copy(from, to, file -> false);
    }

    /**
     * Like {@link #copy(Path, Path)}, but files that {@code linkable} accepts become hard links to the originals
     * where the file system allows (copied where it does not): for files nobody writes once they exist.
     */
    static void copy(Path from, Path to, java.util.function.Predicate<Path> linkable) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (linkable.test(file)) {
                    try {
                        Files.deleteIfExists(target);
                        Files.createLink(target, file);
                        return FileVisitResult.CONTINUE;
                    } catch (IOException | UnsupportedOperationException e) {
                        // another file system, or one without hard links: copied below
                    }
                }
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes the tree as far as it can; what is left stays (the callers lose nothing but disk space). */
    static void deleteQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // see above
        }
    }
}
