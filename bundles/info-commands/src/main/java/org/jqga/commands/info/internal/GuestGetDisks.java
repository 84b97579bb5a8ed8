package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-disks: every /sys/block link whose size is not "0\n" (loop, nbd, zram and removable devices
 * included once they have media), named by its device node; then its partitions ({@code <disk>N} or
 * {@code <disk>pN} directories) with the disk as their dependency. A disk gets its address for non-virtual
 * devices (as guest-get-fsinfo finds it; errors are ignored), its dependencies from {@code slaves} (present,
 * possibly empty, when that directory exists) and as alias the device-mapper name. qemu-ga prepends every
 * entry to its list, so the result is in reverse readdir order.
 *
 * <p>The alias comes from udev's DM_NAME as in qemu-ga; where udevd keeps no database (containers, minimal
 * guests) it falls back to sysfs {@code dm/name}, which holds the same name, where qemu-ga sends none.
 * A disk whose address says bus type nvme gets {@code smart} from its health log page when that can be read.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-disks", risk = RiskGroup.INFO)
public final class GuestGetDisks implements Command<NoArguments> {

    /** @param smart qemu-ga's GuestDiskSmart, for NVMe disks only */
    public record DiskInfo(String name, boolean partition, List<String> dependencies, DiskAddress address,
                           String alias, NvmeSmart smart) {
    }

    private static final String SYS_BLOCK = "/sys/block";

    private final SystemPaths paths;
    private final NvmeSmartSource nvmeSmart;

    @Activate
    public GuestGetDisks(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext), NvmeSmartSource.IOCTL);
    }

    GuestGetDisks(SystemPaths paths, NvmeSmartSource nvmeSmart) {
        this.paths = paths;
        this.nvmeSmart = nvmeSmart;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(SYS_BLOCK))) {
            for (Path entry : entries) {
                if (Files.isSymbolicLink(entry)) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw CommandException.genericError("Can't open directory \"" + SYS_BLOCK + "\": " + ErrnoText.of(e));
        }
        DiskTopology topology = new DiskTopology(paths);
        List<DiskInfo> built = new ArrayList<>();
        for (String name : names) {
            String diskDir = SYS_BLOCK + "/" + name;
            String size;
            try {
                size = Files.readString(paths.resolve(diskDir + "/size"), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue;
            }
            if (size.equals("0\n")) {
                continue;
            }
            UdevDevice udev = UdevDevice.read(paths, diskDir);
            String devName = udev.devnode();
            if (devName == null) {
                continue;
            }
            DiskAddress address = address(topology, diskDir);
            NvmeSmart smart = address != null && "nvme".equals(address.busType())
                    ? nvmeSmart.read(paths.resolve(devName)) : null;
            built.add(new DiskInfo(devName, false, dependencies(diskDir), address, alias(udev, diskDir), smart));
            built.addAll(partitions(name, diskDir, devName));
        }
        Collections.reverse(built);
        return built;
    }

    private DiskAddress address(DiskTopology topology, String diskDir) {
        try {
            if (DiskTopology.isVirtual(GuestPath.realpath(paths, diskDir))) {
                return null;
            }
            return topology.address(diskDir);
        } catch (IOException | CommandException e) {
            return null;
        }
    }

    private String alias(UdevDevice udev, String diskDir) {
        String alias = udev.property("DM_NAME");
        if (alias == null) {
            try {
                alias = Files.readString(paths.resolve(diskDir + "/dm/name"), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return null;
            }
        }
        return alias.isEmpty() ? null : alias;
    }

    /** The device nodes of {@code slaves}, prepended as qemu-ga does; null when there is no such directory. */
    private List<String> dependencies(String diskDir) {
        List<String> dependencies = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(diskDir + "/slaves"))) {
            for (Path entry : entries) {
                String devnode = UdevDevice.read(paths, diskDir + "/slaves/" + entry.getFileName()).devnode();
                if (devnode != null) {
                    dependencies.add(0, devnode);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return dependencies;
    }

    /** Partitions in readdir order (the caller reverses everything at the end). */
    private List<DiskInfo> partitions(String diskName, String diskDir, String diskDev) {
        List<DiskInfo> partitions = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.resolve(diskDir))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || !isPartitionOf(diskName, name)) {
                    continue;
                }
                String devName = UdevDevice.read(paths, diskDir + "/" + name).devnode();
                if (devName != null) {
                    partitions.add(new DiskInfo(devName, true, List.of(diskDev), null, null, null));
                }
            }
        } catch (IOException e) {
            // qemu-ga does not check this opendir either
        }
        return partitions;
    }

    /** {@code <disk><digit>...} or {@code <disk>p<digit>...}. */
    static boolean isPartitionOf(String disk, String name) {
        if (!name.startsWith(disk) || name.length() == disk.length()) {
            return false;
        }
        char next = name.charAt(disk.length());
        return Character.isDigit(next)
                || next == 'p' && name.length() > disk.length() + 1 && Character.isDigit(name.charAt(disk.length() + 1));
    }
}
