package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jqga.api.CommandException;
import org.jqga.commands.info.internal.DiskAddress.PciAddress;
import org.jqga.commands.info.internal.GuestGetDisks.DiskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestGetDisksTest {

    @TempDir
    Path root;

    /** No SMART data anywhere: what an agent without the privilege for the admin command gets. */
    private static final NvmeSmartSource UNREADABLE = deviceNode -> null;

    private List<DiskInfo> run(SystemPaths paths) throws CommandException {
        return run(paths, UNREADABLE);
    }

    @SuppressWarnings("unchecked")
    private List<DiskInfo> run(SystemPaths paths, NvmeSmartSource smart) throws CommandException {
        return (List<DiskInfo>) new GuestGetDisks(paths, smart).execute(Sysroots.NONE, null);
    }

    @Test
    void capturedBuildVmListsOnlyTheNonEmptyDisk() throws Exception {
        DiskAddress vda = new DiskAddress(new PciAddress(0, 0, 2, 0), "virtio", 0, 0, 0, null, "/dev/vda", null);
        assertEquals(List.of(new DiskInfo("/dev/vda", false, List.of(), vda, null, null)),
                run(SampleTree.build("build-vm", root)));
    }

    @Test
    void lvmGuestDisksPartitionsAliasesAndDependencies() throws Exception {
        List<DiskInfo> disks = run(SampleTree.build("lvm-guest", root));
        Map<String, DiskInfo> byName = new HashMap<>();
        disks.forEach(d -> byName.put(d.name(), d));
        assertEquals(List.of("/dev/dm-0", "/dev/dm-1", "/dev/loop0", "/dev/nvme0n1", "/dev/nvme0n1p1", "/dev/sda",
                "/dev/sdb", "/dev/vda", "/dev/vda1", "/dev/vda2", "/dev/vdb"), byName.keySet().stream().sorted().toList());
        assertEquals(disks.size(), byName.size());

        DiskInfo dm0 = byName.get("/dev/dm-0");
        assertEquals(List.of("/dev/vda2"), dm0.dependencies());
        assertEquals("vg0-root", dm0.alias(), "sysfs dm/name when udev has no database entry");
        assertNull(dm0.address(), "virtual devices have no address");
        assertEquals("vg0-data-from-udev", byName.get("/dev/dm-1").alias(), "udev's DM_NAME first");
        List<String> dm1Deps = new ArrayList<>();
        try (Stream<Path> slaves = Files.list(root.resolve("sys/devices/virtual/block/dm-1/slaves"))) {
            slaves.forEach(s -> dm1Deps.add(0, "/dev/" + s.getFileName()));
        }
        assertEquals(dm1Deps, byName.get("/dev/dm-1").dependencies());

        assertEquals(new DiskInfo("/dev/vda1", true, List.of("/dev/vda"), null, null, null), byName.get("/dev/vda1"));
        assertEquals(new DiskInfo("/dev/nvme0n1p1", true, List.of("/dev/nvme0n1"), null, null, null),
                byName.get("/dev/nvme0n1p1"));
        DiskInfo vda = byName.get("/dev/vda");
        assertEquals(List.of(), vda.dependencies());
        assertEquals(new DiskAddress(new PciAddress(0, 0, 5, 0), "virtio", 0, 0, 0, null, "/dev/vda", null),
                vda.address());
        assertNull(byName.get("/dev/sda").dependencies(), "no slaves directory: no member");
        assertEquals("QEMU_HARDDISK_QM00005", byName.get("/dev/sda").address().serial());
        assertEquals("nvme", byName.get("/dev/nvme0n1").address().busType());
        assertEquals(new PciAddress(0, 1, 1, 0), byName.get("/dev/vdb").address().pciController(),
                "behind a bridge: the function with a known driver");
        assertEquals(List.of(), byName.get("/dev/loop0").dependencies());
        assertFalse(byName.containsKey("/dev/sr0"), "size 0");

        // order: reverse of /sys/block's readdir order, each disk's partitions before it
        List<String> built = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root.resolve("sys/block"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!Files.isSymbolicLink(entry) || name.equals("sr0")) {
                    continue;
                }
                built.add("/dev/" + name);
                try (Stream<Path> children = Files.list(entry)) {
                    children.map(c -> c.getFileName().toString())
                            .filter(c -> GuestGetDisks.isPartitionOf(name, c))
                            .forEach(c -> built.add("/dev/" + c));
                }
            }
        }
        java.util.Collections.reverse(built);
        assertEquals(built, disks.stream().map(DiskInfo::name).toList());
    }

    @Test
    void onlyDisksOnTheNvmeBusAreAskedForSmartDataAndGetIt() throws Exception {
        NvmeSmart sample = NvmeSmart.parse(ByteBuffer.allocate(NvmeSmart.PAGE_SIZE).putShort(1, (short) 300));
        List<Path> asked = new ArrayList<>();
        List<DiskInfo> disks = run(SampleTree.build("lvm-guest", root), deviceNode -> {
            asked.add(deviceNode);
            return sample;
        });
        assertEquals(List.of(root.resolve("dev/nvme0n1")), asked, "the disk's node under the system root, once");
        for (DiskInfo disk : disks) {
            assertEquals(disk.name().equals("/dev/nvme0n1") ? sample : null, disk.smart(), disk.name());
        }
    }

    @Test
    void smartIsLeftOutWhenThePageCannotBeRead() throws Exception {
        List<DiskInfo> disks = run(SampleTree.build("lvm-guest", root), UNREADABLE);
        DiskInfo nvme = disks.stream().filter(d -> d.name().equals("/dev/nvme0n1")).findFirst().orElseThrow();
        assertEquals("nvme", nvme.address().busType());
        assertNull(nvme.smart());
    }

    @Test
    void partitionNames() {
        assertTrue(GuestGetDisks.isPartitionOf("vda", "vda1"));
        assertTrue(GuestGetDisks.isPartitionOf("nvme0n1", "nvme0n1p2"));
        assertFalse(GuestGetDisks.isPartitionOf("vda", "vda"));
        assertFalse(GuestGetDisks.isPartitionOf("vda", "vdab"));
        assertFalse(GuestGetDisks.isPartitionOf("nvme0n1", "nvme0n1p"));
        assertFalse(GuestGetDisks.isPartitionOf("sd", "holders"));
    }

    @Test
    void missingSysBlockIsQemuGasError() {
        CommandException e = assertThrows(CommandException.class, () -> run(new SystemPaths(root)));
        assertEquals("Can't open directory \"/sys/block\": No such file or directory", e.desc());
    }
}
