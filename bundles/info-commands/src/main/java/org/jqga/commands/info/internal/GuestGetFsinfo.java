package org.jqga.commands.info.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.jqga.posix.mounts.BlockDevices;
import org.jqga.posix.mounts.Mount;
import org.jqga.posix.mounts.MountTable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-fsinfo: one entry per filesystem of qemu-ga's mount list (the one fsfreeze uses), last mount
 * first as qemu-ga builds its list by prepending; the kernel name of the block device, the sizes from
 * statvfs (total-bytes-privileged is the 9.1 member) and the disks under the device from sysfs. Any sysfs
 * error other than a missing device fails the whole command, as in qemu-ga.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-fsinfo", risk = RiskGroup.INFO)
public final class GuestGetFsinfo implements Command<NoArguments> {

    public record FilesystemInfo(String name, String mountpoint, String type, Long usedBytes, Long totalBytes,
                                 Long totalBytesPrivileged, List<DiskAddress> disk) {
    }

    private final SystemPaths paths;
    private final FilesystemSizes sizes;

    @Activate
    public GuestGetFsinfo(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext), FilesystemSizes.STATVFS);
    }

    GuestGetFsinfo(SystemPaths paths, FilesystemSizes sizes) {
        this.paths = paths;
        this.sizes = sizes;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        try {
            return MountListReader.fsinfo(paths, sizes);
        } catch (LinkageError e) {
            throw CommandException.genericError("guest-get-fsinfo needs the org.jqga.posix bundle: " + e);
        }
    }

    /** Kept apart so that the command class loads without the posix bundle's mount package. */
    private static final class MountListReader {

        static List<FilesystemInfo> fsinfo(SystemPaths paths, FilesystemSizes sizes) throws CommandException {
            MountTable table = new MountTable(paths.resolve(MountTable.PROC_MOUNTINFO.toString()),
                    paths.resolve(MountTable.PROC_MOUNTS.toString()),
                    source -> BlockDevices.KERNEL.lookup(paths.resolve(source).toString()));
            List<Mount> mounts;
            try {
                mounts = table.read().mounts();
            } catch (IOException e) {
                throw CommandException.genericError(e.getMessage());
            }
            DiskTopology topology = new DiskTopology(paths);
            List<FilesystemInfo> result = new ArrayList<>(mounts.size());
            for (Mount mount : mounts) {
                DiskTopology.Description description = new DiskTopology.Description();
                topology.describe("/sys/dev/block/" + mount.major() + ":" + mount.minor(), description);
                FilesystemSizes.Sizes size = sizes.of(paths.resolve(mount.mountPoint()));
                result.add(new FilesystemInfo(description.name, mount.mountPoint(), mount.type(),
                        size == null ? null : size.usedBytes(), size == null ? null : size.totalBytes(),
                        size == null ? null : size.totalBytesPrivileged(), List.copyOf(description.disks)));
            }
            Collections.reverse(result);
            return result;
        }
    }
}
