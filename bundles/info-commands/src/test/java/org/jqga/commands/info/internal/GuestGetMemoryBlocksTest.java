package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestGetMemoryBlocksTest {

    @SuppressWarnings("unchecked")
    private static List<GuestGetMemoryBlocks.MemoryBlock> blocks(SystemPaths paths) throws CommandException {
        return (List<GuestGetMemoryBlocks.MemoryBlock>) new GuestGetMemoryBlocks(paths).execute(Sysroots.NONE, null);
    }

    @Test
    void stateAndRemovableRules() throws Exception {
        List<GuestGetMemoryBlocks.MemoryBlock> sorted = new ArrayList<>(blocks(Sysroots.of("guest")));
        sorted.sort(Comparator.comparingLong(GuestGetMemoryBlocks.MemoryBlock::physIndex));
        assertEquals(List.of(
                new GuestGetMemoryBlocks.MemoryBlock(0, true, true),
                new GuestGetMemoryBlocks.MemoryBlock(1, false, false),
                new GuestGetMemoryBlocks.MemoryBlock(7, true, false),     // no state file
                new GuestGetMemoryBlocks.MemoryBlock(32, true, false)),   // no removable file
                sorted);
    }

    @Test
    void emptyStateFileIsAnError() {
        CommandException e = assertThrows(CommandException.class, () -> blocks(Sysroots.of("broken")));
        assertEquals("pread sysfs file state: unexpected EOF", e.desc());
    }

    @Test
    void noSysfsDirectoryIsAnEmptyList() throws Exception {
        assertEquals(List.of(), blocks(Sysroots.of("bare")));
    }

    @Test
    void aDirectoryWithoutBlocksIsAnError(@TempDir Path root) throws Exception {
        Path memory = Files.createDirectories(root.resolve("sys/devices/system/memory"));
        Files.writeString(memory.resolve("block_size_bytes"), "8000000\n");
        Files.createDirectories(memory.resolve("power"));
        Files.createSymbolicLink(memory.resolve("memory9"), memory.resolve("power"));   // links do not count
        CommandException e = assertThrows(CommandException.class, () -> blocks(new SystemPaths(root)));
        assertEquals("guest reported zero memory blocks!", e.desc());
    }

    @Test
    void hostBlocksMatchSysfs() throws Exception {
        Path memory = Path.of("/sys/devices/system/memory");
        long expected;
        try (var entries = Files.list(memory)) {
            expected = entries.filter(p -> p.getFileName().toString().matches("memory\\d+")).count();
        }
        assertEquals(expected, Files.isDirectory(memory) ? blocks(SystemPaths.HOST).size() : 0);
    }

    @Test
    void physIndexParsedLikeStrtoul() {
        assertEquals(188, GuestGetMemoryBlocks.strtoul("188"));
        assertEquals(0, GuestGetMemoryBlocks.strtoul("_tiers"));
        assertEquals(12, GuestGetMemoryBlocks.strtoul("12abc"));
    }
}
