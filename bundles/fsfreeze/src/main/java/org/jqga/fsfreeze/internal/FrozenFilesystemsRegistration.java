package org.jqga.fsfreeze.internal;

import org.jqga.api.FrozenFilesystems;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** {@link FrozenMode} as the presence of a {@link FrozenFilesystems} service of this bundle. */
final class FrozenFilesystemsRegistration implements FrozenMode {

    private final BundleContext context;
    private ServiceRegistration<FrozenFilesystems> registration;

    FrozenFilesystemsRegistration(BundleContext context) {
        this.context = context;
    }

    @Override
    public synchronized void enter() {
        if (registration == null) {
            registration = context.registerService(FrozenFilesystems.class, new FrozenFilesystems() {
            }, null);
        }
    }

    @Override
    public synchronized void leave() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework has unregistered it already
            }
            registration = null;
        }
    }
}
