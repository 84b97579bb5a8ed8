package org.jqga.commands.info.internal;

import jnr.constants.platform.Sysconf;
import org.jqga.posix.Posix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER_HZ, the unit of /proc/stat's times: sysconf(_SC_CLK_TCK) through the posix bundle when it is there,
 * else 100, which is USER_HZ on every architecture QEMU emulates except alpha and ia64. Asked once: the
 * kernel's value never changes, and the first jnr call is slow.
 */
final class ClockTicks {

    static final long FALLBACK = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ClockTicks.class);

    private ClockTicks() {
    }

    static long perSecond() {
        return Holder.VALUE;
    }

    private static final class Holder {
        static final long VALUE = query();
    }

    private static long query() {
        try {
            long ticks = NativeSysconf.clockTicks();
            return ticks > 0 ? ticks : FALLBACK;
        } catch (LinkageError | RuntimeException e) {
            // the posix bundle is optional for this bundle: its imports may be unwired
            LOG.debug("sysconf(_SC_CLK_TCK) unavailable, assuming {} ticks per second: {}", FALLBACK, e.toString());
            return FALLBACK;
        }
    }

    /** The only class that touches jnr, so that loading ClockTicks never needs the optional imports. */
    private static final class NativeSysconf {
        static long clockTicks() {
            return Posix.jnr().sysconf(Sysconf._SC_CLK_TCK);
        }
    }
}
