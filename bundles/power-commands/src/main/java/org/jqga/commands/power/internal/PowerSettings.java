package org.jqga.commands.power.internal;

import java.nio.file.Path;
import org.jqga.programs.ProgramSearch;
import org.osgi.framework.BundleContext;

/**
 * Where the power commands find the programs and the sysfs file they act through. On a guest these are the
 * defaults; tests and non-standard guests name other places through framework properties.
 *
 * @param programDirectory holds poweroff, halt, reboot and shutdown
 * @param searchPath colon-separated directories for systemctl and pm-utils, as qemu-ga searches PATH
 * @param root the directory /sys/power/state is found under
 */
public record PowerSettings(Path programDirectory, String searchPath, Path root) {

    public static final String PROGRAM_DIRECTORY = "org.jqga.power.programDir";
    public static final String SEARCH_PATH = "org.jqga.power.searchPath";
    public static final String SYSROOT = "org.jqga.sysroot";

    static PowerSettings of(BundleContext context) {
        return new PowerSettings(Path.of(property(context, PROGRAM_DIRECTORY, "/sbin")),
                property(context, SEARCH_PATH, ProgramSearch.agentPath()),
                Path.of(property(context, SYSROOT, "/")));
    }

    Path powerStateFile() {
        return root.resolve("sys/power/state");
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
