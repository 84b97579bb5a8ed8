package org.jqga.posix.mounts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filesystems freeze, thaw and trim act on, read afresh for every command the way qemu-ga reads them.
 *
 * <p>From {@code /proc/self/mountinfo}: every line whose device major is not 0 (0 means no block device:
 * proc, tmpfs, overlay, 9p, ...), except that btrfs, which always reports major 0, gets its real device
 * number from a stat of its source. A device is listed once, under its first mount point: bind mounts and
 * repeated mounts of one filesystem would otherwise be frozen twice (EBUSY) or counted twice on thaw.
 *
 * <p>Only when the mountinfo file cannot be opened, qemu-ga's older source {@code /proc/self/mounts}:
 * sources not starting with {@code /} (virtual and network filesystems), smbfs and cifs, and bind mounts
 * (source is a directory) are left out.
 *
 * <p>Both files are read as bytes and {@code \ooo} escapes (space, tab, newline, backslash in names) are
 * decoded before the name is turned into a string, so a name holding UTF-8 comes out intact.
 *
 * <p>Shared by the commands that walk qemu-ga's mount list (fsfreeze, fstrim, fsinfo), so that they all see
 * the same filesystems in the same order. A table is read afresh by every {@link #read()}.
 */
public final class MountTable {

    public static final Path PROC_MOUNTINFO = Path.of("/proc/self/mountinfo");
    public static final Path PROC_MOUNTS = Path.of("/proc/self/mounts");

    private final Path mountinfo;
    private final Path mountsFallback;
    private final BlockDevices devices;

    /** The table of this process, as qemu-ga reads it. */
    public static MountTable ofThisProcess() {
        return new MountTable(PROC_MOUNTINFO, PROC_MOUNTS, BlockDevices.KERNEL);
    }

    /**
     * @param mountsFallback read when {@code mountinfo} cannot be opened; null for none (a test's own table
     *     must never fall back to the real one)
     * @param devices stat(2) of a mount source, for btrfs and the fallback's bind mounts
     */
    public MountTable(Path mountinfo, Path mountsFallback, BlockDevices devices) {
        this.mountinfo = mountinfo;
        this.mountsFallback = mountsFallback;
        this.devices = devices;
    }

    /**
     * @throws IOException when no table can be read; its message is qemu-ga's error text for that case,
     *     {@code failed to open mtab file: '<path>'}, for the command to pass on as it is
     */
    public MountList read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(mountinfo);
        } catch (IOException e) {
            return readFallback();
        }
        return parseMountinfo(content);
    }

    private MountList readFallback() throws IOException {
        if (mountsFallback == null) {
            throw new IOException("failed to open mtab file: '" + mountinfo + "'");
        }
        try {
            return parseMounts(Files.readAllBytes(mountsFallback));
        } catch (IOException e) {
            throw new IOException("failed to open mtab file: '" + mountsFallback + "'");
        }
    }

    /**
     * {@code ID PARENT MAJOR:MINOR ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPEROPTIONS}; a line
     * that does not have this shape is skipped, as qemu-ga's sscanf skips it.
     */
    MountList parseMountinfo(byte[] content) {
        Collector collector = new Collector();
        for (String line : lines(content)) {
            String[] fields = line.split(" ", -1);
            if (fields.length < 5) {
                continue;
            }
            int colon = fields[2].indexOf(':');
            int major;
            int minor;
            try {
                major = Integer.parseUnsignedInt(fields[2].substring(0, colon));
                minor = Integer.parseUnsignedInt(fields[2].substring(colon + 1));
            } catch (RuntimeException e) {
                continue;
            }
            int separator = -1;
            for (int i = 5; i < fields.length; i++) {
                if (fields[i].equals("-")) {
                    separator = i;
                    break;
                }
            }
            if (separator < 0 || separator + 1 >= fields.length || fields[separator + 1].isEmpty()) {
                continue;
            }
            String mountPoint = decode(fields[4]);
            String type = fields[separator + 1];
            String source = separator + 2 < fields.length ? decode(fields[separator + 2]) : "";
            if (major == 0) {
                BlockDevices.Kind kind = "btrfs".equals(type) ? devices.lookup(source) : null;
                if (!(kind instanceof BlockDevices.BlockDevice device)) {
                    collector.skip(new SkippedMount(mountPoint, type, major + ":" + minor,
                            "btrfs".equals(type) ? "btrfs source '" + source + "' is not a block device"
                                    : "device major 0 (not backed by a block device)"));
                    continue;
                }
                major = device.major();
                minor = device.minor();
            }
            collector.add(new Mount(mountPoint, type, source, major, minor));
        }
        return collector.result();
    }

    /** {@code SOURCE MOUNTPOINT TYPE OPTIONS FREQ PASSNO}, the fstab format. */
    MountList parseMounts(byte[] content) {
        Collector collector = new Collector();
        for (String line : lines(content)) {
            String[] fields = line.trim().split("[ \t]+");
            if (fields.length < 3 || fields[0].startsWith("#")) {
                continue;
            }
            String source = decode(fields[0]);
            String mountPoint = decode(fields[1]);
            String type = fields[2];
            if (!source.startsWith("/") || type.equals("smbfs") || type.equals("cifs")) {
                collector.skip(new SkippedMount(mountPoint, type, "", "not a local block-device filesystem"));
                continue;
            }
            BlockDevices.Kind kind = devices.lookup(source);
            if (kind instanceof BlockDevices.Directory) {
                collector.skip(new SkippedMount(mountPoint, type, "", "bind mount of '" + source + "'"));
                continue;
            }
            int major = kind instanceof BlockDevices.BlockDevice device ? device.major() : 0;
            int minor = kind instanceof BlockDevices.BlockDevice device ? device.minor() : 0;
            collector.add(new Mount(mountPoint, type, source, major, minor));
        }
        return collector.result();
    }

    /** First mount of a device wins; an unknown device number (0:0, fallback only) is never merged. */
    private static final class Collector {
        private final List<Mount> mounts = new ArrayList<>();
        private final List<SkippedMount> skipped = new ArrayList<>();
        private final Map<String, Mount> byDevice = new HashMap<>();

        void add(Mount mount) {
            if (mount.major() != 0 || mount.minor() != 0) {
                Mount first = byDevice.putIfAbsent(mount.device(), mount);
                if (first != null) {
                    skip(new SkippedMount(mount.mountPoint(), mount.type(), mount.device(),
                            "same device as '" + first.mountPoint() + "' (first mount is used)"));
                    return;
                }
            }
            mounts.add(mount);
        }

        void skip(SkippedMount mount) {
            skipped.add(mount);
        }

        MountList result() {
            return new MountList(mounts, skipped);
        }
    }

    /** Lines as ISO-8859-1 strings, i.e. one char per byte, so {@link #decode} can rebuild the bytes. */
    private static List<String> lines(byte[] content) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (i > start) {
                    lines.add(new String(content, start, i - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /**
     * The kernel's mangling undone: {@code \ooo} with the first digit 0-3 is one byte, {@code \\} is a
     * backslash, anything else stays as it is. The bytes are then read as UTF-8.
     */
    public static String decode(String mangled) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(mangled.length());
        for (int i = 0; i < mangled.length(); i++) {
            char c = mangled.charAt(i);
            if (c == '\\' && i + 1 < mangled.length() && mangled.charAt(i + 1) == '\\') {
                bytes.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < mangled.length() && isOctal(mangled.charAt(i + 1), '3')
                    && isOctal(mangled.charAt(i + 2), '7') && isOctal(mangled.charAt(i + 3), '7')) {
                bytes.write((mangled.charAt(i + 1) - '0') * 64 + (mangled.charAt(i + 2) - '0') * 8
                        + (mangled.charAt(i + 3) - '0'));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(char c, char highest) {
        return c >= '0' && c <= highest;
    }
}
