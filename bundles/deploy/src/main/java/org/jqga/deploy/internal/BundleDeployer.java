package org.jqga.deploy.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The framework side of the deploy folder: a file's bundle has the file's URI as its location, so an update of the
 * file is an update of the same bundle (same id), never a second bundle beside the first (VERSIONS.md pitfall 11).
 */
final class BundleDeployer {

    private final BundleContext context;
    private final Path folder;
    private final CachedFileVersions cached;

    BundleDeployer(BundleContext context, Path folder) {
        this.context = context;
        this.folder = folder;
        this.cached = new CachedFileVersions(context);
    }

    String location(String fileName) {
        return folder.resolve(fileName).toUri().toString();
    }

    Bundle bundleOf(String fileName) {
        return context.getBundle(location(fileName));
    }

    boolean isDeployed(Bundle bundle) {
        return bundle.getLocation().startsWith(folder.toUri().toString());
    }

    /** The file names of the bundles installed from the folder. */
    java.util.List<String> deployedFileNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        String prefix = folder.toUri().toString();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith(prefix) && location.indexOf('/', prefix.length()) < 0) {
                names.add(location.substring(prefix.length()));
            }
        }
        return names;
    }

    /** Null if this version may take its place, else why not: its symbolic name belongs to another bundle. */
    String conflict(BundleFile version) {
        String location = location(version.fileName());
        for (Bundle other : context.getBundles()) {
            if (version.symbolicName().equals(other.getSymbolicName()) && !other.getLocation().equals(location)) {
                return "symbolic name " + version.symbolicName() + " already belongs to bundle " + other.getBundleId()
                        + " (" + other.getLocation() + ")" + (isDeployed(other) ? "" : ", part of the agent installation");
            }
        }
        return null;
    }

    /** The file's bundle as a reused cache holds it, if it was made from exactly this version of the file; else null. */
    Bundle cachedAs(BundleFile version) {
        Bundle existing = bundleOf(version.fileName());
        return existing != null && cached.holds(existing, version) ? existing : null;
    }

    /** Installs the bytes, or updates the file's bundle with them (the framework restarts it if it was active). */
    Bundle installOrUpdate(BundleFile version) throws BundleException {
        Bundle existing = bundleOf(version.fileName());
        Bundle bundle;
        if (existing == null) {
            bundle = context.installBundle(location(version.fileName()), new ByteArrayInputStream(version.jar()));
        } else {
            existing.update(new ByteArrayInputStream(version.jar()));
            refreshRemovalPending();
            bundle = existing;
        }
        cached.remember(bundle, version);
        return bundle;
    }

    void start(Bundle bundle) throws BundleException {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            bundle.start();
        }
    }

    /** Uninstalls the file's bundle; false if there was none. */
    boolean uninstall(String fileName) throws BundleException {
        Bundle bundle = bundleOf(fileName);
        if (bundle == null) {
            return false;
        }
        cached.forget(fileName);
        bundle.uninstall();
        refreshRemovalPending();
        return true;
    }

    /**
     * Old revisions still wired to someone stay loaded until a refresh; done at once (and waited for, so that the
     * next change starts from a settled framework).
     */
    private void refreshRemovalPending() {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (wiring == null || wiring.getRemovalPendingBundles().isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        FrameworkListener listener = event -> done.countDown();
        wiring.refreshBundles(null, listener);
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
