package org.jqga.deploy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bundle files in the deploy folder now: {@code *.jar} files whose names do not start with a dot (a dot file is
 * a copy still being written, to be renamed in), each with what tells a change: size and modification time of the
 * jar and of its {@code .sig}.
 */
final class FolderScan {

    record Fingerprint(long size, long modified, long changed, long signatureSize, long signatureModified, long signatureChanged) {

        long lastChange() {
            return Math.max(modified, signatureModified);
        }
    }

    private FolderScan() {
    }

    static boolean isBundleFileName(String name) {
        return name.endsWith(".jar") && !name.startsWith(".") && name.length() > ".jar".length();
    }

    static Map<String, Fingerprint> scan(Path folder) throws IOException {
        Map<String, Fingerprint> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!isBundleFileName(name)) {
                    continue;
                }
                BasicFileAttributes jar = attributes(entry);
                if (jar == null) {
                    continue;
                }
                Path signatureFile = entry.resolveSibling(name + ".sig");
                BasicFileAttributes signature = attributes(signatureFile);
                files.put(name, new Fingerprint(jar.size(), jar.lastModifiedTime().toMillis(), changeTime(entry),
                        signature == null ? -1 : signature.size(), signature == null ? -1 : signature.lastModifiedTime().toMillis(),
                        signature == null ? -1 : changeTime(signatureFile)));
            }
        }
        return files;
    }

    /** ctime: a chown or chmod (which may make a refused file acceptable) changes it, the modification time not. */
    private static long changeTime(Path path) {
        try {
            Object ctime = Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            return ctime instanceof java.nio.file.attribute.FileTime t ? t.to(java.util.concurrent.TimeUnit.NANOSECONDS) : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return null;
        }
    }
}
