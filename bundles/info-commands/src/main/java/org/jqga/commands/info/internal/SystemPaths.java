package org.jqga.commands.info.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * Where the system-information commands find the guest's /proc, /sys, /etc, /usr and /var: under one root
 * directory, "/" on a real guest. Tests point it at captured sample trees; the framework property
 * {@value #PROPERTY} does the same for a whole agent.
 */
public record SystemPaths(Path root) {

    public static final String PROPERTY = "org.jqga.sysroot";

    public static final SystemPaths HOST = new SystemPaths(Path.of("/"));

    public static SystemPaths of(BundleContext bundleContext) {
        String configured = bundleContext.getProperty(PROPERTY);
        return configured == null || configured.isBlank() ? HOST : new SystemPaths(Path.of(configured));
    }

    /** The file an absolute guest path such as {@code /proc/stat} names under the root. */
    public Path resolve(String guestPath) {
        return root.resolve(guestPath.startsWith("/") ? guestPath.substring(1) : guestPath);
    }
}
