package org.jqga.commands.hardware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.commands.hardware.internal.GuestSetMemoryBlocks.MemoryBlockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guest-set-memory-blocks on a fake /sys/devices/system/memory in a temporary directory. */
class GuestSetMemoryBlocksTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @TempDir
    Path root;

    private Path memory;

    @BeforeEach
    void fakeSysfs() throws Exception {
        memory = Files.createDirectories(root.resolve("sys/devices/system/memory"));
        Files.writeString(Files.createDirectory(memory.resolve("memory0")).resolve("state"), "online\n");
        Files.writeString(Files.createDirectory(memory.resolve("memory1")).resolve("state"), "offline\n");
        Files.createDirectory(memory.resolve("memory2"));                          // an old kernel: no state
        Files.writeString(Files.createDirectory(memory.resolve("memory3")).resolve("state"), "");
        Files.createDirectories(memory.resolve("memory4/state"));                  // read fails: EISDIR
        Files.writeString(memory.resolve("memory5"), "not a directory");
    }

    private List<MemoryBlockResponse> set(Path sysroot, GuestSetMemoryBlocks.MemoryBlock... blocks) throws CommandException {
        return new GuestSetMemoryBlocks(new SysfsRoot(sysroot)).execute(new GuestSetMemoryBlocks.Arguments(List.of(blocks)), null);
    }

    private List<MemoryBlockResponse> set(GuestSetMemoryBlocks.MemoryBlock... blocks) throws CommandException {
        return set(root, blocks);
    }

    private static GuestSetMemoryBlocks.MemoryBlock block(long index, boolean online) {
        return block(JSON.numberNode(index), online);
    }

    private static GuestSetMemoryBlocks.MemoryBlock block(JsonNode index, boolean online) {
        return new GuestSetMemoryBlocks.MemoryBlock(index, online, null);
    }

    private String state(int index) throws Exception {
        return Files.readString(memory.resolve("memory" + index + "/state"));
    }

    @Test
    void switchesBlocksAndAnswersOneResultEach() throws Exception {
        assertEquals(List.of(new MemoryBlockResponse(0L, "success", null), new MemoryBlockResponse(1L, "success", null)),
                set(block(0, false), block(1, true)));
        assertTrue(state(0).startsWith("offline"), state(0));
        assertTrue(state(1).startsWith("online"), state(1));
    }

    @Test
    void aBlockInTheRequestedStateIsSuccessWithoutWriting() throws Exception {
        Files.writeString(memory.resolve("memory0/state"), "online untouched");
        assertEquals(List.of(new MemoryBlockResponse(0L, "success", null)), set(block(0, true)));
        assertEquals("online untouched", state(0));
    }

    @Test
    void blocksWithoutStateFileKeepQemuGasAnswers() throws Exception {
        assertEquals(List.of(new MemoryBlockResponse(2L, "success", 2), new MemoryBlockResponse(2L, "operation-not-supported", 2)),
                set(block(2, true), block(2, false)));
    }

    @Test
    void failuresAreResultsWithTheErrno() throws Exception {
        assertEquals(List.of(
                new MemoryBlockResponse(99L, "not-found", 2),
                new MemoryBlockResponse(3L, "operation-failed", 0),
                new MemoryBlockResponse(4L, "operation-failed", 21),
                new MemoryBlockResponse(5L, "operation-failed", 20),
                new MemoryBlockResponse(1L, "success", null)),
                set(block(99, true), block(3, true), block(4, true), block(5, true), block(1, true)));
    }

    @Test
    void aStateThatRefusesTheWriteIsOperationFailed() throws Exception {
        // a read-only kernel file stands in for a block the kernel will not switch
        Files.createDirectory(memory.resolve("memory6"));
        Files.createSymbolicLink(memory.resolve("memory6/state"), Path.of("/proc/version"));
        MemoryBlockResponse result = set(block(6, true)).get(0);
        assertEquals("operation-failed", result.response());
        assertNotEquals(null, result.errorCode());
        assertNotEquals(0, result.errorCode());
    }

    @Test
    void aGuestWithoutMemoryHotplugDoesNotSupportIt() throws Exception {
        assertEquals(List.of(new MemoryBlockResponse(0L, "operation-not-supported", 2)), set(root.resolve("bare"), block(0, true)));
        Path fileRoot = root.resolve("file-root");
        Files.createDirectories(fileRoot.resolve("sys/devices/system"));
        Files.writeString(fileRoot.resolve("sys/devices/system/memory"), "");
        assertEquals(List.of(new MemoryBlockResponse(0L, "operation-failed", 20)), set(fileRoot, block(0, true)));
    }

    @Test
    void physIndexIsAUint64WithQemusText() throws Exception {
        for (JsonNode bad : List.of(JSON.textNode("1"), JSON.numberNode(1.5), JSON.numberNode(1.8446744073709552E19),
                JSON.booleanNode(true), JSON.nullNode(), JSON.numberNode(BigInteger.ONE.shiftLeft(64)))) {
            CommandException e = assertThrows(CommandException.class, () -> set(block(1, true), block(bad, true)));
            assertEquals("Parameter 'mem-blks[1].phys-index' expects uint64", e.desc(), bad.toString());
            assertEquals("offline\n", state(1), "nothing done when an argument is wrong");
        }
    }

    @Test
    void indexesBeyondInt64AndNegativeOnesAreEchoedUnsignedAndNotFound() throws Exception {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals(List.of(new MemoryBlockResponse(max, "not-found", 2), new MemoryBlockResponse(max, "not-found", 2),
                new MemoryBlockResponse(Long.MAX_VALUE, "not-found", 2)),
                set(block(JSON.numberNode(max), true), block(-1, true), block(Long.MAX_VALUE, true)));
    }

    @Test
    void anEmptyListAnswersAnEmptyList() throws Exception {
        assertEquals(List.of(), set());
    }
}
