package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jqga.api.CommandException;
import org.jqga.commands.info.internal.DiskAddress.PciAddress;
import org.jqga.commands.info.internal.GuestGetFsinfo.FilesystemInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestGetFsinfoTest {

    @TempDir
    Path root;

    /** statvfs stand-in: sizes derived from the mount point, null (statvfs failed) for /mnt/gone. */
    private final Map<Path, Integer> asked = new HashMap<>();
    private final FilesystemSizes sizes = mountPoint -> {
        asked.merge(mountPoint, 1, Integer::sum);
        return mountPoint.endsWith("gone") ? null : FilesystemSizes.Sizes.of(4096, 1000, 300, 200);
    };

    @SuppressWarnings("unchecked")
    private List<FilesystemInfo> run(SystemPaths paths) throws CommandException {
        return (List<FilesystemInfo>) new GuestGetFsinfo(paths, sizes).execute(Sysroots.NONE, null);
    }

    @Test
    void sizesAreQemuGasArithmetic() {
        FilesystemSizes.Sizes s = FilesystemSizes.Sizes.of(4096, 1000, 300, 200);
        assertEquals(700 * 4096L, s.usedBytes());
        assertEquals(900 * 4096L, s.totalBytes());
        assertEquals(1000 * 4096L, s.totalBytesPrivileged());
    }

    @Test
    void capturedBuildVmHasOnlyTheVirtioRoot() throws Exception {
        List<FilesystemInfo> fs = run(SampleTree.build("build-vm", root));
        DiskAddress vda = new DiskAddress(new PciAddress(0, 0, 2, 0), "virtio", 0, 0, 0, null, "/dev/vda", null);
        assertEquals(List.of(new FilesystemInfo("vda", "/", "ext4", 700 * 4096L, 900 * 4096L, 1000 * 4096L,
                List.of(vda))), fs);
        assertEquals(Map.of(root, 1), asked, "statvfs of the mount point under the root");
    }

    @Test
    void lvmGuestReversedTableOrderWithDisksUnderEachDevice() throws Exception {
        List<FilesystemInfo> fs = run(SampleTree.build("lvm-guest", root));
        assertEquals(List.of("/srv", "/mnt/gone", "/mnt/image", "/data", "/mnt/my disk", "/boot", "/"),
                fs.stream().map(FilesystemInfo::mountpoint).toList());
        Map<String, FilesystemInfo> byMount = new HashMap<>();
        fs.forEach(f -> byMount.put(f.mountpoint(), f));

        DiskAddress vda2 = new DiskAddress(new PciAddress(0, 0, 5, 0), "virtio", 0, 0, 0, null, "/dev/vda2", null);
        assertEquals(new FilesystemInfo("dm-0", "/", "ext4", 700 * 4096L, 900 * 4096L, 1000 * 4096L, List.of(vda2)),
                byMount.get("/"));
        assertEquals(List.of(new DiskAddress(new PciAddress(0, 0, 5, 0), "virtio", 0, 0, 0, null, "/dev/vda1", null)),
                byMount.get("/boot").disk());
        assertEquals("vda1", byMount.get("/boot").name());

        FilesystemInfo sata = byMount.get("/mnt/my disk");
        assertEquals("sda", sata.name());
        assertEquals("xfs", sata.type());
        assertEquals(List.of(new DiskAddress(new PciAddress(0, 0, 0x1f, 2), "sata", 0, 0, 2, "QEMU_HARDDISK_QM00005",
                "/dev/sda", null)), sata.disk(), "ata3 is the third of ata1..ata6");

        // dm-1 over two slaves: qemu-ga prepends in readdir order
        DiskAddress sdb = new DiskAddress(new PciAddress(0, 0, 3, 0), "scsi", 0, 0, 4, null, "/dev/sdb", null);
        DiskAddress nvme = new DiskAddress(new PciAddress(0, 0, 4, 0), "nvme", 0, 0, 0, null, "/dev/nvme0n1p1", null);
        List<DiskAddress> expected = new ArrayList<>();
        try (Stream<Path> slaves = Files.list(root.resolve("sys/devices/virtual/block/dm-1/slaves"))) {
            slaves.forEach(s -> expected.add(0, s.getFileName().toString().equals("sdb") ? sdb : nvme));
        }
        assertEquals(expected, byMount.get("/data").disk());
        assertEquals("dm-1", byMount.get("/data").name());

        assertEquals(List.of(), byMount.get("/mnt/image").disk(), "a loop device has no disk");
        assertEquals("loop0", byMount.get("/mnt/image").name());

        FilesystemInfo gone = byMount.get("/mnt/gone");
        assertEquals("9:9", gone.name(), "no /sys/dev/block entry: the device number, as qemu-ga");
        assertEquals(List.of(), gone.disk());
        assertNull(gone.usedBytes());
        assertNull(gone.totalBytesPrivileged());

        assertEquals(List.of(nvme), byMount.get("/srv").disk());
        assertEquals(root.resolve("mnt/my disk"), asked.keySet().stream().filter(p -> p.toString().contains("my"))
                .findFirst().orElseThrow(), "the decoded mount point is what statvfs gets");
    }

    @Test
    void noMountTableIsQemuGasError() {
        CommandException e = assertThrows(CommandException.class, () -> run(new SystemPaths(root)));
        assertEquals("failed to open mtab file: '" + root.resolve("proc/self/mounts") + "'", e.desc());
    }

    @Test
    void mountsFallbackIsUsedWithoutMountinfo() throws Exception {
        SystemPaths paths = SampleTree.build("build-vm", root);
        Files.delete(root.resolve("proc/self/mountinfo"));
        Files.writeString(root.resolve("proc/self/mounts"), "proc /proc proc rw 0 0\n/dev/vda / ext4 rw 0 0\n");
        // the fallback stats the source for its device number; under a sample root there is no such node
        List<FilesystemInfo> fs = run(paths);
        assertEquals(1, fs.size());
        assertEquals("/", fs.get(0).mountpoint());
        assertEquals("0:0", fs.get(0).name());
    }
}
