package org.jqga.launcher;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a generated test bundle: a start that takes a while, as a slow bundle's would. */
public class SleepingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws InterruptedException {
        Thread.sleep(2_000);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
