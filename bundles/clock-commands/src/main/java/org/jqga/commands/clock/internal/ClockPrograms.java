package org.jqga.commands.clock.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * The programs guest-set-time acts through.
 *
 * <p>qemu-ga calls settimeofday(2) itself. This agent has no binding for it (jnr-posix offers none, and the
 * posix bundle keeps jnr-ffi private), so the system clock is set by a program, GNU date by default, which
 * calls clock_settime(2) with the same effect. Java cannot set the clock by itself.
 *
 * @param setClock run as {@code setClock -u -s @SECONDS.MICROSECONDS}
 * @param hwclock run with {@code -w} or {@code -s}, as qemu-ga runs /sbin/hwclock
 */
public record ClockPrograms(Path setClock, Path hwclock) {

    public static final String SET_CLOCK_PROGRAM = "org.jqga.clock.setClockProgram";
    public static final String HWCLOCK = "org.jqga.clock.hwclock";

    static ClockPrograms of(BundleContext context) {
        return new ClockPrograms(Path.of(property(context, SET_CLOCK_PROGRAM, "/bin/date")),
                Path.of(property(context, HWCLOCK, "/sbin/hwclock")));
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
