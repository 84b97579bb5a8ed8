package org.jqga.commands.info.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A guest's /sys, /proc and /run built in a scratch directory from src/test/resources/trees: the plain files
 * of {@code trees/<name>/} copied, then the entries of {@code trees/<name>.tree} created. sysfs is mostly
 * relative symlinks, which Maven's resource copying would flatten, hence the text form:
 * {@code D dir}, {@code F file = content} (\n and \t escapes), {@code L link -> target}.
 */
final class SampleTree {

    private SampleTree() {
    }

    static SystemPaths build(String name, Path root) {
        try {
            Path files = resource("/trees/" + name);
            if (files != null) {
                try (Stream<Path> walk = Files.walk(files)) {
                    for (Path source : walk.toList()) {
                        Path target = root.resolve(files.relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(source, target);
                        }
                    }
                }
            }
            Path tree = resource("/trees/" + name + ".tree");
            if (tree != null) {
                for (String line : Files.readAllLines(tree, StandardCharsets.UTF_8)) {
                    apply(root, line);
                }
            }
            return new SystemPaths(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void apply(Path root, String line) throws IOException {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String body = line.substring(2);
        switch (line.charAt(0)) {
            case 'D' -> Files.createDirectories(root.resolve(body));
            case 'F' -> {
                int equals = body.indexOf(" = ");
                Path file = root.resolve(body.substring(0, equals));
                Files.createDirectories(file.getParent());
                Files.writeString(file, body.substring(equals + 3).replace("\\n", "\n").replace("\\t", "\t"));
            }
            case 'L' -> {
                int arrow = body.indexOf(" -> ");
                Path link = root.resolve(body.substring(0, arrow));
                Files.createDirectories(link.getParent());
                Path target = Path.of(body.substring(arrow + 4));
                Files.createSymbolicLink(link, target);
                // the target directory must exist for realpath, as it does in sysfs (driver links may dangle)
                if (!link.getFileName().toString().equals("driver")) {
                    Files.createDirectories(link.getParent().resolve(target).normalize());
                }
            }
            default -> throw new IllegalArgumentException("bad tree line: " + line);
        }
    }

    private static Path resource(String name) {
        try {
            var url = SampleTree.class.getResource(name);
            return url == null ? null : Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
