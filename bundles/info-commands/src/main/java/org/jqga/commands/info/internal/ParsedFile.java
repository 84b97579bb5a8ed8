package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * A file's parsed content, kept while the file's identity (device and inode), size and modification time stay the
 * same. Hosts poll the commands that read /etc/os-release, /etc/localtime and utmp every few seconds; a request
 * then costs one stat instead of opening, reading and parsing the file, and a changed file (a package upgrade, a new
 * time zone's link, a login) is read at the next request, as qemu-ga, which reads it every time, would see it.
 *
 * <p>A file's time has a coarse grain (a clock tick, on some filesystems seconds), so a file rewritten in place
 * right after a reading, with the same size, may keep the time the reading saw: glibc overwrites a utmp record
 * in place at a logout. Like git with a "racily clean" index entry, a reading is kept only once the file's time
 * lies {@link #SETTLED} behind the clock; a file changed since then shows a later time.
 *
 * @param <T> what the parser makes of the bytes; it must not change once made, as every caller shares it
 */
final class ParsedFile<T> {

    /** More than any filesystem's grain of modification times (FAT's is 2 s). */
    static final Duration SETTLED = Duration.ofSeconds(3);

    private record Reading<T>(Path file, Object identity, FileTime modified, long size, T value) {

        boolean matches(Path other, BasicFileAttributes attributes) {
            return file.equals(other) && Objects.equals(identity, attributes.fileKey())
                    && modified.equals(attributes.lastModifiedTime()) && size == attributes.size();
        }
    }

    private final Function<byte[], T> parser;
    private volatile Reading<T> last;

    /**
     * @param parser the bytes' meaning, which may be null; an exception it throws reaches the caller of {@link #read}
     */
    ParsedFile(Function<byte[], T> parser) {
        this.parser = parser;
    }

    /**
     * As {@link #read}, but a file that is not there gives {@code absent}, found with a stat: NIO would tell by an
     * exception, whose stack trace cost a request about 10 us (no utmp in a minimal guest or a container).
     */
    T readIfPresent(Path file, T absent) throws IOException {
        return file.toFile().exists() ? read(file) : absent;
    }

    /** @throws IOException the file cannot be read */
    T read(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Reading<T> known = last;
        if (known != null && known.matches(file, attributes)) {
            return known.value();
        }
        // a change between the stat and the read is kept under the older attributes, so the next call reads again
        T value = parser.apply(Files.readAllBytes(file));
        boolean settled = attributes.lastModifiedTime().toInstant().isBefore(Instant.now().minus(SETTLED));
        last = settled
                ? new Reading<>(file, attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), value)
                : null;
        return value;
    }
}
