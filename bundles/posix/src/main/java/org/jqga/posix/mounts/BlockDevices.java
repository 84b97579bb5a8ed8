package org.jqga.posix.mounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * stat(2) of a mount's source, for the two cases where qemu-ga looks at it: btrfs reports device major 0 in
 * the mount table, so the real device number comes from the source device node; and in the
 * {@code /proc/self/mounts} fallback a source that is a directory marks a bind mount.
 */
public interface BlockDevices {

    /** What the source path is. */
    sealed interface Kind permits BlockDevice, Directory, Other {
    }

    record BlockDevice(int major, int minor) implements Kind {
    }

    record Directory() implements Kind {
    }

    /** Anything else, including a path that cannot be stat'ed. */
    record Other() implements Kind {
    }

    Kind lookup(String sourcePath);

    /** The real thing, through the JDK's unix file attributes. */
    BlockDevices KERNEL = sourcePath -> {
        try {
            Map<String, Object> attributes = Files.readAttributes(Path.of(sourcePath), "unix:mode,rdev");
            int type = (Integer) attributes.get("mode") & 0170000;
            if (type == 0040000) {
                return new Directory();
            }
            if (type == 0060000) {
                long rdev = (Long) attributes.get("rdev");
                return new BlockDevice(major(rdev), minor(rdev));
            }
            return new Other();
        } catch (IOException | RuntimeException e) {
            return new Other();
        }
    };

    /** glibc's gnu_dev_major: the 64-bit dev_t layout Linux uses. */
    /** The major number of a Linux {@code dev_t}. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL));
    }

    /** The minor number of a Linux {@code dev_t}. */
    static int minor(long dev) {
        return (int) ((dev & 0xffL) | ((dev >>> 12) & ~0xffL));
    }
}
