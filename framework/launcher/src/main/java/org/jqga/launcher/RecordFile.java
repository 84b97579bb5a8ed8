package org.jqga.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A properties file the launcher keeps beside or in the bundle cache to spare later starts some work. Losing one
 * costs only that work, so an unreadable file counts as none, and a file is replaced whole or not at all.
 */
final class RecordFile {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);

    private RecordFile() {
    }

    /** The entries of {@code file}; none when there is no such file or it cannot be read. */
    static Properties read(Path file) {
        Properties entries = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            entries.load(in);
        } catch (NoSuchFileException e) {
            // not written yet
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("ignoring unreadable record {}: {}", file, e.getMessage());
            entries.clear();
        }
        return entries;
    }

    /**
     * Replaces {@code file} by one with {@code entries}, through a file beside it moved into place. Off the way to a
     * first answer: Properties.store dates its comment, which loads the time zone names.
     */
    static void write(Path file, Properties entries, String comment) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            entries.store(out, comment);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What tells one version of a file from the next, as the records keep it: size and modification time. */
    static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
    }
}
