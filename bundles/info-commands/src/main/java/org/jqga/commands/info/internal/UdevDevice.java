package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * What libudev's udev_device_new_from_syspath tells qemu-ga about a block device, read without libudev: the
 * properties of the device's {@code uevent} file (DEVNAME, MAJOR, MINOR, ...) plus those udevd stored in its
 * database {@code /run/udev/data/b<major>:<minor>} ({@code E:ID_SERIAL=...}, {@code E:DM_NAME=...}). Without a
 * running udevd (containers, minimal guests) only the uevent half exists, as for libudev.
 */
final class UdevDevice {

    private final Map<String, String> properties;

    private UdevDevice(Map<String, String> properties) {
        this.properties = properties;
    }

    /** @param syspath a guest path of the device's sysfs directory (symlinks allowed) */
    static UdevDevice read(SystemPaths paths, String syspath) {
        Map<String, String> properties = new HashMap<>();
        try {
            for (String line : Files.readAllLines(paths.resolve(syspath + "/uevent"), StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    properties.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new UdevDevice(Map.of());
        }
        String major = properties.get("MAJOR");
        String minor = properties.get("MINOR");
        if (major != null && minor != null) {
            try {
                for (String line : Files.readAllLines(paths.resolve("/run/udev/data/b" + major + ":" + minor),
                        StandardCharsets.UTF_8)) {
                    int equals = line.indexOf('=');
                    if (line.startsWith("E:") && equals > 2) {
                        properties.putIfAbsent(line.substring(2, equals), line.substring(equals + 1));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no udev database: as libudev, only the uevent properties
            }
        }
        return new UdevDevice(properties);
    }

    /** udev_device_get_devnode: {@code /dev/} + DEVNAME, null for a device without a node. */
    String devnode() {
        String name = properties.get("DEVNAME");
        return name == null || name.isEmpty() ? null : name.startsWith("/") ? name : "/dev/" + name;
    }

    /** A property's value, null when it is absent. */
    String property(String name) {
        return properties.get(name);
    }
}
