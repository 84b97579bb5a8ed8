package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedFileTest {

    @TempDir
    Path directory;

    private final AtomicInteger parses = new AtomicInteger();
    private final ParsedFile<String> file = new ParsedFile<>(bytes -> {
        parses.incrementAndGet();
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("#") ? null : text;
    });

    @Test
    void anUnchangedFileIsParsedOnce() throws IOException {
        Path osRelease = write("os-release", "ID=debian\n");
        assertEquals("ID=debian\n", file.read(osRelease));
        assertEquals("ID=debian\n", file.read(osRelease));
        assertEquals(1, parses.get());
    }

    @Test
    void aFileChangedJustNowIsParsedAgainUntilItsTimeHasSettled() throws IOException {
        Path utmp = Files.writeString(directory.resolve("utmp"), "alice");
        assertEquals("alice", file.read(utmp));
        // a logout overwrites a record in place: same inode and size, and within the grain of the file's time
        FileTime seen = Files.getLastModifiedTime(utmp);
        Files.writeString(utmp, "bob__");
        Files.setLastModifiedTime(utmp, seen);
        assertEquals("bob__", file.read(utmp));
        assertEquals(2, parses.get());
    }

    @Test
    void aFileReplacedByAnotherIsReadAgain() throws IOException {
        Path osRelease = write("os-release", "VERSION_ID=12\n");
        file.read(osRelease);

        // what a package upgrade does: a new file renamed over the old one, here of the same size
        Path replacement = write("os-release.new", "VERSION_ID=13\n");
        Files.move(replacement, osRelease, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("VERSION_ID=13\n", file.read(osRelease));
    }

    @Test
    void aFileRewrittenInPlaceIsReadAgainWhenItsSizeOrTimeChanged() throws IOException {
        Path zone = write("localtime", "aaaa");
        file.read(zone);

        rewrite(zone, "bbbbbb", Duration.ofMinutes(50));
        assertEquals("bbbbbb", file.read(zone));

        rewrite(zone, "cccccc", Duration.ofMinutes(40));
        assertEquals("cccccc", file.read(zone));
        assertEquals(3, parses.get());
    }

    @Test
    void anotherFileIsNotAnsweredFromTheKeptOne() throws IOException {
        assertEquals("first", file.read(write("etc-os-release", "first")));
        assertEquals("other", file.read(write("usr-lib-os-release", "other")));
    }

    @Test
    void aMeaninglessFileIsKeptAsNullAndAMissingOneIsAnError() throws IOException {
        Path comment = write("comment", "# nothing\n");
        assertNull(file.read(comment));
        assertNull(file.read(comment));
        assertEquals(1, parses.get());
        assertThrows(NoSuchFileException.class, () -> file.read(directory.resolve("absent")));
    }

    @Test
    void anAbsentFileGivesTheAbsentValueAndAPresentOneItsReading() throws IOException {
        assertEquals("nobody", file.readIfPresent(directory.resolve("utmp"), "nobody"));
        assertEquals(0, parses.get());
        assertEquals("alice", file.readIfPresent(write("utmp", "alice"), "nobody"));
    }

    private static void rewrite(Path file, String content, Duration ago) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(ago)));
    }

    /** A file last changed an hour ago, long settled. */
    private Path write(String name, String content) throws IOException {
        Path written = Files.writeString(directory.resolve(name), content);
        Files.setLastModifiedTime(written, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return written;
    }
}
