package org.jqga.commands.hardware.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** The directory the guest's /sys is found under: "/" on a guest, a fake tree in tests. */
public record SysfsRoot(Path root) {

    public static final String PROPERTY = "org.jqga.sysroot";

    static SysfsRoot of(BundleContext context) {
        String configured = context.getProperty(PROPERTY);
        return new SysfsRoot(Path.of(configured == null || configured.isBlank() ? "/" : configured));
    }

    /** The file an absolute guest path such as {@code /sys/devices/system/cpu/cpu1/} names. */
    String resolve(String guestPath) {
        return root.resolve(guestPath.substring(1)).toString() + (guestPath.endsWith("/") ? "/" : "");
    }
}
