package org.jqga.posix.mounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {

    /** stat(2) answers for the sample's sources; everything else cannot be stat'ed. */
    private static final BlockDevices SAMPLE_DEVICES = path -> switch (path) {
        case "/dev/sdc" -> new BlockDevices.BlockDevice(8, 32);
        case "/dev/vda1" -> new BlockDevices.BlockDevice(254, 1);
        case "/dev/vda2" -> new BlockDevices.BlockDevice(254, 2);
        case "/dev/sdb" -> new BlockDevices.BlockDevice(8, 16);
        case "/srv/export" -> new BlockDevices.Directory();
        default -> new BlockDevices.Other();
    };

    @TempDir
    Path temp;

    @Test
    void mountinfoKeepsBlockDevicesInTableOrder() throws Exception {
        MountList list = read("debian-vm.txt");
        assertEquals(List.of("/", "/boot", "/home", "/mnt/with space", "/mnt/tab\tand\\backslash", "/mnt/café",
                "/mnt/octal-café", "/data", "/snap/core/1"), mountPoints(list));
    }

    @Test
    void mountinfoFieldsAreTakenAcrossOptionalFields() throws Exception {
        Mount boot = find(read("debian-vm.txt"), "/boot");
        assertEquals(new Mount("/boot", "ext2", "/dev/vda2", 254, 2), boot);
    }

    @Test
    void btrfsGetsItsDeviceNumberFromTheSourceAndSubvolumesCollapse() throws Exception {
        MountList list = read("debian-vm.txt");
        assertEquals(new Mount("/data", "btrfs", "/dev/sdc", 8, 32), find(list, "/data"));
        assertEquals("same device as '/data' (first mount is used)", skipped(list, "/data-snap").reason());
        assertEquals("btrfs source '/dev/nonexistent' is not a block device", skipped(list, "/broken-btrfs").reason());
    }

    @Test
    void virtualAndNetworkFilesystemsAreSkippedForMajorZero() throws Exception {
        MountList list = read("debian-vm.txt");
        for (String virtual : List.of("/proc", "/sys", "/dev", "/run", "/mnt/nfs")) {
            assertEquals("device major 0 (not backed by a block device)", skipped(list, virtual).reason(), virtual);
        }
    }

    @Test
    void bindMountsAndRepeatedDevicesKeepTheFirstMountPoint() throws Exception {
        MountList list = read("debian-vm.txt");
        assertEquals("same device as '/home' (first mount is used)", skipped(list, "/var/www").reason());
        assertEquals("same device as '/' (first mount is used)", skipped(list, "/mnt/bind-of-root").reason());
    }

    @Test
    void malformedLinesAreIgnored() throws Exception {
        MountList list = read("debian-vm.txt");
        assertTrue(list.mounts().stream().noneMatch(m -> m.mountPoint().equals("/garbage")
                || m.mountPoint().equals("/no-separator")));
        assertTrue(list.skipped().stream().noneMatch(m -> m.mountPoint().equals("/garbage")
                || m.mountPoint().equals("/no-separator")));
    }

    @Test
    void capturedBuildMachineTableHasRootAndTheLoopMount() throws Exception {
        MountList list = read("build-machine.txt");
        assertEquals(List.of("/", "/tmp/fsfz-manual.HtK9/m"), mountPoints(list));
        assertEquals(new Mount("/", "ext4", "/dev/vda", 254, 0), list.mounts().get(0));
        assertEquals(19, list.skipped().size());
    }

    @Test
    void liveTableOfThisProcessParses() throws Exception {
        MountList list = MountTable.ofThisProcess().read();
        assertTrue(list.mounts().stream().anyMatch(m -> m.mountPoint().equals("/")) || list.mounts().isEmpty()
                        && list.skipped().stream().anyMatch(m -> m.mountPoint().equals("/")),
                "/ is listed as a mount or a skipped line: " + list);
        assertTrue(list.skipped().stream().anyMatch(m -> m.mountPoint().equals("/proc")));
    }

    @Test
    void missingMountinfoFallsBackToProcMounts() throws Exception {
        Path mounts = copy("proc-mounts.txt");
        MountTable table = new MountTable(temp.resolve("no-mountinfo"), mounts, SAMPLE_DEVICES);
        MountList list = table.read();
        assertEquals(List.of("/", "/boot", "/mnt/with space"), mountPoints(list));
        assertEquals(new Mount("/", "ext4", "/dev/vda1", 254, 1), list.mounts().get(0));
        assertEquals("bind mount of '/srv/export'", skipped(list, "/mnt/bind").reason());
        assertEquals("not a local block-device filesystem", skipped(list, "/mnt/smb").reason());
        assertEquals("not a local block-device filesystem", skipped(list, "/proc").reason());
        assertEquals("same device as '/' (first mount is used)", skipped(list, "/mnt/again").reason());
    }

    @Test
    void noReadableTableIsQemuGasError() {
        MountTable table = new MountTable(temp.resolve("a"), temp.resolve("b"), SAMPLE_DEVICES);
        IOException e = assertThrows(IOException.class, table::read);
        assertEquals("failed to open mtab file: '" + temp.resolve("b") + "'", e.getMessage());
    }

    @Test
    void aSubstituteTableNeverFallsBackToTheRealOne() {
        MountTable table = new MountTable(temp.resolve("missing"), null, SAMPLE_DEVICES);
        IOException e = assertThrows(IOException.class, table::read);
        assertEquals("failed to open mtab file: '" + temp.resolve("missing") + "'", e.getMessage());
    }

    @Test
    void emptyTableIsEmpty() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty"));
        assertEquals(new MountList(List.of(), List.of()), new MountTable(empty, null, SAMPLE_DEVICES).read());
    }

    @Test
    void decodeUndoesTheKernelsEscapesOnly() {
        Map<String, String> cases = Map.of(
                "/a\\040b", "/a b",
                "/a\\011b\\012c", "/a\tb\nc",
                "/a\\134b", "/a\\b",
                "/a\\\\b", "/a\\b",
                "/a\\400", "/a\\400",
                "/a\\08", "/a\\08",
                "/end\\", "/end\\",
                "/end\\04", "/end\\04",
                "/caf\\303\\251", "/café");
        cases.forEach((mangled, plain) -> assertEquals(plain, MountTable.decode(mangled), mangled));
    }

    @Test
    void deviceNumbersFollowGlibcsLayout() {
        assertEquals(254, BlockDevices.major(0xfe00L));
        assertEquals(0, BlockDevices.minor(0xfe00L));
        assertEquals(259, BlockDevices.major(0x10301L));
        assertEquals(1, BlockDevices.minor(0x10301L));
        // makedev(0x12345, 0x6789a): major and minor both beyond the old 8/12-bit fields
        long dev = (0x345L << 8) | (0x12000L << 32) | 0x9aL | (0x67800L << 12);
        assertEquals(0x12345, BlockDevices.major(dev));
        assertEquals(0x6789a, BlockDevices.minor(dev));
    }

    @Test
    void kernelLookupSeesBlockDevicesAndDirectories() throws IOException {
        assertTrue(BlockDevices.KERNEL.lookup(temp.toString()) instanceof BlockDevices.Directory);
        assertTrue(BlockDevices.KERNEL.lookup(temp.resolve("nothing").toString()) instanceof BlockDevices.Other);
        assertTrue(BlockDevices.KERNEL.lookup("/dev/null") instanceof BlockDevices.Other);
        Path loop0 = Path.of("/dev/loop0");
        if (Files.exists(loop0)) {
            assertEquals(new BlockDevices.BlockDevice(7, 0), BlockDevices.KERNEL.lookup(loop0.toString()));
        }
    }

    private MountList read(String sample) throws Exception {
        return new MountTable(copy(sample), null, SAMPLE_DEVICES).read();
    }

    private Path copy(String sample) throws IOException {
        Path target = temp.resolve(sample);
        try (InputStream in = MountTableTest.class.getResourceAsStream("/mountinfo/" + sample)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static List<String> mountPoints(MountList list) {
        return list.mounts().stream().map(Mount::mountPoint).toList();
    }

    private static Mount find(MountList list, String mountPoint) {
        return list.mounts().stream().filter(m -> m.mountPoint().equals(mountPoint)).findFirst()
                .orElseThrow(() -> new AssertionError(mountPoint + " not in " + list.mounts()));
    }

    private static SkippedMount skipped(MountList list, String mountPoint) {
        return list.skipped().stream().filter(m -> m.mountPoint().equals(mountPoint)).findFirst()
                .orElseThrow(() -> new AssertionError(mountPoint + " not skipped: " + list.skipped()));
    }
}
