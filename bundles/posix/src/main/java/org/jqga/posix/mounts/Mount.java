package org.jqga.posix.mounts;

/**
 * One filesystem the agent may freeze, thaw or trim: a line of the mount table that survived qemu-ga's
 * rules (see {@link MountTable}).
 *
 * @param mountPoint the mount point with octal escapes decoded, compared byte for byte with the host's list
 * @param type the filesystem type, e.g. {@code ext4}
 * @param source the mount source with octal escapes decoded, e.g. {@code /dev/vda1}
 * @param major the device's major number (for btrfs: the source device's, not the 0 of the table)
 * @param minor the device's minor number
 */
public record Mount(String mountPoint, String type, String source, int major, int minor) {

    /** {@code major:minor}, the device number as the mount table and /sys/dev/block name it. */
    public String device() {
        return major + ":" + minor;
    }
}
