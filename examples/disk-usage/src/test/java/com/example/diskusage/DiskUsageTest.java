package com.example.diskusage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command is a plain class: test it by calling execute, no OSGi needed. */
class DiskUsageTest {

    @TempDir
    Path directory;

    private final DiskUsage command = new DiskUsage();

    @Test
    void reportsTheFileStoreOfThePath() throws Exception {
        DiskUsage.Result result = command.execute(new DiskUsage.Arguments(directory.toString()), null);
        FileStore store = Files.getFileStore(directory);
        assertEquals(directory.toString(), result.path());
        assertEquals(store.getTotalSpace(), result.totalBytes());
        assertTrue(result.totalBytes() > 0);
        assertTrue(result.usedBytes() >= 0 && result.usedBytes() <= result.totalBytes());
        assertTrue(result.freeBytes() >= 0 && result.freeBytes() <= result.totalBytes() - result.usedBytes(),
                "available to users is at most what is not allocated");
    }

    @Test
    void aMissingPathIsAGenericError() {
        CommandException e = assertThrows(CommandException.class,
                () -> command.execute(new DiskUsage.Arguments(directory.resolve("absent").toString()), null));
        assertEquals(ErrorClass.GenericError, e.errorClass());
        assertEquals("failed to stat '" + directory.resolve("absent") + "': No such file or directory", e.desc());
    }

    @Test
    void aRelativePathIsRefused() {
        CommandException e = assertThrows(CommandException.class, () -> command.execute(new DiskUsage.Arguments("tmp"), null));
        assertEquals("path 'tmp' is not absolute", e.desc());
    }
}
