package org.jqga.policy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a path really leads, as the kernel would follow it: absolute, symbolic links and {@code ..} resolved.
 * For a path whose end does not exist yet (a file about to be created) the existing part is resolved and the rest
 * appended; a dangling symbolic link is followed to where it points, since opening it with O_CREAT would create its
 * target. Relative paths count from the agent's working directory, as open(2) sees them.
 */
final class PathResolver {

    /** Linux's limit on links followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private PathResolver() {
    }

    static Path resolve(String path) throws IOException {
        return resolve(Path.of(path).toAbsolutePath(), new int[] {0});
    }

    private static Path resolve(Path path, int[] linksFollowed) throws IOException {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            // the end does not exist (or a link in it dangles): resolve the parent, then look at the last name
        }
        Path parent = path.getParent();
        Path name = path.getFileName();
        if (parent == null || name == null) {
            return path;
        }
        Path realParent = resolve(parent, linksFollowed);
        String last = name.toString();
        if (last.equals(".")) {
            return realParent;
        }
        if (last.equals("..")) {
            return realParent.getParent() == null ? realParent : realParent.getParent();
        }
        Path candidate = realParent.resolve(name);
        if (Files.isSymbolicLink(candidate)) {
            if (++linksFollowed[0] > MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "Too many levels of symbolic links");
            }
            return resolve(realParent.resolve(Files.readSymbolicLink(candidate)), linksFollowed);
        }
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            // appeared meanwhile, or exists but its realpath failed for another reason: ask again
            return candidate.toRealPath();
        }
        return candidate;
    }
}
