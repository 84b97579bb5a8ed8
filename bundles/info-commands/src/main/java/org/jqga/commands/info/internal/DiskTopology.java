package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jqga.api.CommandException;

/**
 * The physical disks under a block device, found in sysfs the way qemu-ga finds them
 * ({@code build_guest_fsinfo_for_device}): a virtual device ({@code /devices/virtual/block/}: device-mapper,
 * md, loop, zram) is followed through its {@code slaves} links; a real one is described by its PCI controller
 * (domain:bus:slot.function of the nearest PCI function whose driver qemu-ga knows), bus type, SCSI/ATA
 * numbers, and from udev its device node and serial. CCW (s390) and non-PCI virtio are understood too.
 * Directory listings are taken in readdir order, as qemu-ga takes them.
 */
final class DiskTopology {

    /** What build_guest_fsinfo_for_device fills in: the device name and, first to last, the disks found. */
    static final class Description {
        String name;
        final Deque<DiskAddress> disks = new ArrayDeque<>();
    }

    private static final Set<String> KNOWN_DRIVERS = Set.of("ata_piix", "sym53c8xx", "virtio-pci", "ahci", "nvme",
            "xhci_hcd", "ehci-pci");
    private static final int MAX_HOSTS = 8;

    private final SystemPaths paths;

    DiskTopology(SystemPaths paths) {
        this.paths = paths;
    }

    /** @param devpath a sysfs guest path such as {@code /sys/dev/block/254:1} or {@code /sys/block/vda} */
    void describe(String devpath, Description description) throws CommandException {
        String syspath;
        try {
            syspath = GuestPath.realpath(paths, devpath);
        } catch (NoSuchFileException e) {
            // e.g. a container without the device's sysfs entry
            if (description.name == null) {
                description.name = GuestPath.basename(devpath);
            }
            return;
        } catch (IOException e) {
            throw CommandException.genericError("realpath(\"" + devpath + "\"): " + ErrnoText.of(e));
        }
        if (description.name == null) {
            description.name = GuestPath.basename(syspath);
        }
        if (isVirtual(syspath)) {
            describeSlaves(syspath, description);
        } else {
            DiskAddress disk = realDevice(syspath);
            if (disk != null) {
                description.disks.addFirst(disk);
            }
        }
    }

    /** qemu-ga's get_disk_address: the first disk of a device, null when none was found. */
    DiskAddress address(String devpath) throws CommandException {
        Description description = new Description();
        describe(devpath, description);
        return description.disks.peekFirst();
    }

    static boolean isVirtual(String syspath) {
        return syspath.contains("/devices/virtual/block/");
    }

    private void describeSlaves(String syspath, Description description) throws CommandException {
        String dirpath = syspath + "/slaves";
        List<String> slaves = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(dirpath))) {
            for (Path entry : entries) {
                if (Files.isSymbolicLink(entry)) {
                    slaves.add(entry.getFileName().toString());
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw CommandException.genericError("opendir(\"" + dirpath + "\"): " + ErrnoText.of(e));
        }
        for (String slave : slaves) {
            describe(syspath + "/slaves/" + slave, description);
        }
    }

    /** build_guest_fsinfo_for_real_device: null when neither hardware nor udev know anything. */
    private DiskAddress realDevice(String syspath) throws CommandException {
        UdevDevice udev = UdevDevice.read(paths, syspath);
        String dev = udev.devnode();
        String serial = udev.property("ID_SERIAL");
        if (serial != null && serial.isEmpty()) {
            serial = null;
        }
        Hardware hardware = new Hardware();
        boolean found;
        if (syspath.contains("/devices/pci")) {
            found = pciDevice(syspath, hardware);
        } else if (syspath.contains("/devices/css")) {
            found = ccwDevice(syspath, hardware);
        } else if (syspath.contains("/virtio")) {
            found = nonPciVirtio(syspath, hardware);
        } else {
            found = false;
        }
        if (!found && dev == null && serial == null) {
            return null;
        }
        return new DiskAddress(hardware.pci, hardware.busType, hardware.bus, hardware.target, hardware.unit, serial,
                dev, hardware.ccw);
    }

    /** The mutable GuestDiskAddress qemu-ga fills step by step (a failed step may leave the PCI part set). */
    private static final class Hardware {
        DiskAddress.PciAddress pci = DiskAddress.PciAddress.UNKNOWN;
        String busType = "unknown";
        long bus;
        long target;
        long unit;
        DiskAddress.CcwAddress ccw;
    }

    private boolean pciDevice(String syspath, Hardware hardware) throws CommandException {
        int start = syspath.indexOf("/devices/pci");
        long[] pci = new long[4];
        SysfsScan scan = new SysfsScan(syspath, start + 12);
        if (scan.hex() < 0 || !scan.literal(':') || scan.hex() < 0 || !scan.literal('/') || !scan.pciAddress(pci)) {
            return false;
        }
        int p = scan.position();
        String driver;
        while (true) {
            driver = driver(syspath.substring(0, p));
            if (driver != null && KNOWN_DRIVERS.contains(driver)) {
                break;
            }
            SysfsScan nested = new SysfsScan(syspath, p);
            if (nested.literal('/') && nested.pciAddress(pci)) {
                p = nested.position();
                continue;
            }
            return false;
        }

        long[] tgt = new long[3];
        boolean hasTarget = false;
        int targetAt = syspath.indexOf("/target");
        if (targetAt >= 0) {
            SysfsScan scanTarget = new SysfsScan(syspath, targetAt + 7);
            hasTarget = scanTarget.decimal() >= 0 && scanTarget.literal(':') && scanTarget.decimal() >= 0
                    && scanTarget.literal(':') && scanTarget.decimal() >= 0 && scanTarget.literal('/')
                    && scanTarget.decimal() >= 0 && scanTarget.literal(':')
                    && (tgt[0] = scanTarget.decimal()) >= 0 && scanTarget.literal(':')
                    && (tgt[1] = scanTarget.decimal()) >= 0 && scanTarget.literal(':')
                    && (tgt[2] = scanTarget.decimal()) >= 0;
        }

        boolean ata = true;
        int hostAt = syspath.indexOf("/ata");
        int offset = 4;
        if (hostAt < 0) {
            ata = false;
            hostAt = syspath.indexOf("/host");
            offset = 5;
        }
        long host = -1;
        boolean hasHost = false;
        List<Long> hosts = List.of();
        if (hostAt >= 0) {
            host = new SysfsScan(syspath, hostAt + offset).decimal();
            if (host >= 0) {
                hasHost = true;
                hosts = hosts(syspath.substring(0, hostAt), ata);
            }
        }

        hardware.pci = new DiskAddress.PciAddress(pci[0], pci[1], pci[2], pci[3]);
        switch (driver) {
            case "ata_piix" -> {
                int index = hosts.indexOf(host);
                if (!hasHost || !hasTarget || index < 0) {
                    return false;
                }
                hardware.busType = "ide";
                hardware.bus = index;
                hardware.unit = tgt[1];
            }
            case "sym53c8xx" -> {
                if (!hasTarget) {
                    return false;
                }
                hardware.busType = "scsi";
                hardware.unit = tgt[1];
            }
            case "virtio-pci" -> {
                if (hasTarget) {
                    hardware.busType = "scsi";
                    hardware.unit = tgt[2];
                } else {
                    hardware.busType = "virtio";
                }
            }
            case "ahci" -> {
                int index = hosts.indexOf(host);
                if (!hasHost || !hasTarget || index < 0) {
                    return false;
                }
                hardware.busType = "sata";
                hardware.unit = index;
            }
            case "nvme" -> hardware.busType = "nvme";
            default -> hardware.busType = "usb"; // ehci-pci, xhci_hcd
        }
        return true;
    }

    /** The basename of {@code <dir>/driver}'s link target, null when there is none. */
    private String driver(String dir) {
        try {
            Path target = Files.readSymbolicLink(paths.resolve(dir + "/driver"));
            return target.getFileName() == null ? null : target.getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** build_hosts: the ataN or hostN numbers in a directory, at most 8 in readdir order, sorted. */
    private List<Long> hosts(String dir, boolean ata) throws CommandException {
        String prefix = ata ? "ata" : "host";
        List<Long> hosts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(dir))) {
            for (Path entry : entries) {
                if (hosts.size() >= MAX_HOSTS) {
                    break;
                }
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix)) {
                    long number = new SysfsScan(name, prefix.length()).decimal();
                    if (number >= 0) {
                        hosts.add(number);
                    }
                }
            }
        } catch (IOException e) {
            throw CommandException.genericError("opendir(\"" + dir + "\"): " + ErrnoText.of(e));
        }
        hosts.sort(null);
        return hosts;
    }

    private static boolean ccwDevice(String syspath, Hardware hardware) {
        int start = syspath.indexOf("/devices/css");
        SysfsScan scan = new SysfsScan(syspath, start + 12);
        long cssid;
        long ssid;
        long subchno;
        long devno;
        if (!(scan.hex() >= 0 && scan.literal('/')
                && (cssid = scan.hex()) >= 0 && scan.literal('.')
                && (ssid = scan.hex()) >= 0 && scan.literal('.')
                && (subchno = scan.hex()) >= 0 && scan.literal('/')
                && scan.hex() >= 0 && scan.literal('.') && scan.hex() >= 0 && scan.literal('.')
                && (devno = scan.hex()) >= 0)) {
            return false;
        }
        hardware.ccw = new DiskAddress.CcwAddress(cssid, ssid, subchno, devno);
        if (syspath.indexOf("/virtio", start) >= 0) {
            nonPciVirtio(syspath, hardware);
        }
        return true;
    }

    private static boolean nonPciVirtio(String syspath, Hardware hardware) {
        if (!syspath.contains("/virtio") || !syspath.contains("/block")) {
            return false;
        }
        int targetAt = syspath.indexOf("/target");
        if (targetAt >= 0) {
            SysfsScan scan = new SysfsScan(syspath, targetAt + 7);
            long bus;
            long target;
            long unit;
            if (scan.decimal() >= 0 && scan.literal(':') && scan.decimal() >= 0 && scan.literal(':')
                    && scan.decimal() >= 0 && scan.literal('/') && scan.decimal() >= 0 && scan.literal(':')
                    && (bus = scan.decimal()) >= 0 && scan.literal(':')
                    && (target = scan.decimal()) >= 0 && scan.literal(':')
                    && (unit = scan.decimal()) >= 0) {
                hardware.busType = "scsi";
                hardware.bus = bus;
                hardware.target = target;
                hardware.unit = unit;
                return true;
            }
        }
        hardware.busType = "virtio";
        return true;
    }
}
