package org.jqga.commands.hardware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guest-set-vcpus on a fake /sys/devices/system/cpu in a temporary directory. */
class GuestSetVcpusTest {

    @TempDir
    Path root;

    private Path cpus;

    @BeforeEach
    void fakeSysfs() throws Exception {
        cpus = Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.createDirectory(cpus.resolve("cpu0"));                          // no "online": cannot go offline
        Files.writeString(Files.createDirectory(cpus.resolve("cpu1")).resolve("online"), "1\n");
        Files.writeString(Files.createDirectory(cpus.resolve("cpu2")).resolve("online"), "0\n");
        Files.createDirectories(cpus.resolve("cpu3/online"));                // open(O_RDWR) fails: EISDIR
        Files.writeString(Files.createDirectory(cpus.resolve("cpu4")).resolve("online"), "");
        Files.writeString(cpus.resolve("cpu5"), "not a directory");
    }

    private long set(GuestSetVcpus.LogicalProcessor... vcpus) throws CommandException {
        return new GuestSetVcpus(new SysfsRoot(root)).execute(new GuestSetVcpus.Arguments(List.of(vcpus)), null);
    }

    private static GuestSetVcpus.LogicalProcessor cpu(long id, boolean online) {
        return new GuestSetVcpus.LogicalProcessor(id, online, null);
    }

    private String online(int id) throws Exception {
        return Files.readString(cpus.resolve("cpu" + id + "/online"));
    }

    private void assertError(String desc, GuestSetVcpus.LogicalProcessor... vcpus) {
        assertEquals(desc, assertThrows(CommandException.class, () -> set(vcpus)).desc());
    }

    @Test
    void switchesVcpusWhoseStateDiffers() throws Exception {
        assertEquals(2, set(cpu(2, true), new GuestSetVcpus.LogicalProcessor(1, false, true)));
        assertEquals("1\n", online(2));
        assertEquals("0\n", online(1));
    }

    @Test
    void aVcpuInTheRequestedStateIsLeftAloneAndCounted() throws Exception {
        Files.writeString(cpus.resolve("cpu1/online"), "1 untouched");
        assertEquals(1, set(cpu(1, true)));
        assertEquals("1 untouched", online(1));
    }

    @Test
    void aVcpuWithoutOnlineFileCanBeOnlinedButNotOfflined() throws Exception {
        assertEquals(1, set(cpu(0, true)));
        assertError("logical processor #0 can't be offlined", cpu(0, false));
    }

    @Test
    void theFirstFailureIsAnErrorWithQemuGasText() {
        assertError("open(\"/sys/devices/system/cpu/cpu9/\"): No such file or directory", cpu(9, true));
        assertError("open(\"/sys/devices/system/cpu/cpu-1/\"): No such file or directory", cpu(-1, true));
        assertError("open(\"/sys/devices/system/cpu/cpu5/\"): Not a directory", cpu(5, true));
        assertError("open(\"/sys/devices/system/cpu/cpu3//online\"): Is a directory", cpu(3, true));
        assertError("pread(\"/sys/devices/system/cpu/cpu4//online\"): unexpected EOF", cpu(4, false));
    }

    @Test
    void aLaterFailureStopsTheListAndOnlyShowsInTheCount() throws Exception {
        assertEquals(1, set(cpu(2, true), cpu(9, true), cpu(1, false)));
        assertEquals("1\n", online(2));
        assertEquals("1\n", online(1), "not reached");
    }

    @Test
    void anEmptyListDoesNothing() throws Exception {
        assertEquals(0, set());
    }
}
