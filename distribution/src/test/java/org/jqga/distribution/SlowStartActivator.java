package org.jqga.distribution;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a generated bundle by {@link StartLevelsIT}: holds up the start of its level for a while. */
public class SlowStartActivator implements BundleActivator {

    static final long DELAY_MILLIS = 3_000;

    @Override
    public void start(BundleContext context) throws InterruptedException {
        Thread.sleep(DELAY_MILLIS);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
