package org.jqga.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the launcher installed into the Felix bundle cache from bundle/, and as which file (size and modification
 * time), kept in a file beside the cache. It lets a start reuse the cache (no copying and re-reading of every jar)
 * while still picking up a jar that changed, appeared or disappeared since the last start. Bundles the launcher did
 * not install (the deploy folder's) are not its business and are left alone.
 */
final class BundleCacheRecord {

    private static final Logger LOG = LoggerFactory.getLogger(BundleCacheRecord.class);
    private static final String FRAMEWORK_KEY = "@framework";

    private final Path file;
    private Properties entries;
    /** The entries differ from what the file holds. */
    private boolean changed;

    private BundleCacheRecord(Path file, Properties entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The record of the cache in {@code storage}; empty when there is none or it cannot be read. */
    static BundleCacheRecord of(Path storage) {
        Path file = fileOf(storage);
        return new BundleCacheRecord(file, RecordFile.read(file));
    }

    /**
     * Whether the cache was written by this framework version under this record; if not, the cache must be wiped,
     * since nobody can tell which of its bundles came from where.
     */
    boolean trusted(String frameworkVersion) {
        return frameworkVersion.equals(entries.getProperty(FRAMEWORK_KEY));
    }

    /** Whether the record names exactly these jars, each with the size and time it has now. */
    boolean recordsExactly(List<Path> jars) throws StartupException {
        Properties current = stamps(jars);
        Properties recorded = new Properties();
        recorded.putAll(entries);
        recorded.remove(FRAMEWORK_KEY);
        return !current.isEmpty() && current.equals(recorded);
    }

    /** The file beside the cache that holds the record of the cache in {@code storage}. */
    static Path fileOf(Path storage) {
        return storage.resolveSibling(storage.getFileName() + ".jars");
    }

    /** Forgets everything (before the cache is wiped), so that a crash in between cannot leave a stale record. */
    void forget() {
        entries = new Properties();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the bundle cache record {}: {}", file, e.getMessage());
        }
    }

    /**
     * Brings the cache in line with {@code jars}: installs new jars, updates bundles whose jar changed, uninstalls
     * the bundles of jars that are gone. The record is saved by {@link #save()}, once the start is through: a start
     * that dies in between leaves the old record, and the next one then updates the bundles it does not know.
     *
     * @return the bundles of {@code jars}, in their order
     */
    List<Bundle> reconcile(BundleContext context, List<Path> jars, String frameworkVersion) throws StartupException {
        Properties current = stamps(jars);
        current.setProperty(FRAMEWORK_KEY, frameworkVersion);
        // the gone ones first: a moved installation brings the same bundles under new locations, and a framework
        // refuses a second bundle of one symbolic name and version
        for (String location : entries.stringPropertyNames()) {
            Bundle gone = location.equals(FRAMEWORK_KEY) || current.containsKey(location) ? null
                    : context.getBundle(location);
            if (gone != null) {
                LOG.info("bundle {} is no longer in the bundle directory, uninstalling {}", location,
                        gone.getSymbolicName());
                try {
                    gone.uninstall();
                } catch (BundleException e) {
                    throw new StartupException("cannot uninstall bundle " + location + ": " + e.getMessage(), e);
                }
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle bundle = context.getBundle(location);
            try {
                if (bundle == null) {
                    bundle = context.installBundle(location);
                } else if (!current.getProperty(location).equals(entries.getProperty(location))) {
                    LOG.info("bundle {} changed since the last start, updating {}", jar, bundle.getSymbolicName());
                    try (InputStream in = Files.newInputStream(jar)) {
                        bundle.update(in);
                    }
                }
            } catch (BundleException | IOException e) {
                throw new StartupException("cannot install bundle " + jar + ": " + e.getMessage(), e);
            }
            bundles.add(bundle);
        }
        changed = !current.equals(entries);
        entries = current;
        return bundles;
    }

    /**
     * Writes the record if the cache changed: a start that found everything as recorded writes nothing to the state
     * directory. Called once the start is through.
     */
    void save() {
        if (!changed) {
            return;
        }
        try {
            RecordFile.write(file, entries, "jars the launcher installed into the bundle cache: location=size:modified");
            changed = false;
        } catch (IOException e) {
            // without the record the next start simply begins with a clean cache
            LOG.warn("cannot save the bundle cache record {}: {}", file, e.getMessage());
            forget();
        }
    }

    /** Each jar's location with its size and time, as the record keeps them. */
    private static Properties stamps(List<Path> jars) throws StartupException {
        Properties stamps = new Properties();
        for (Path jar : jars) {
            stamps.setProperty(jar.toUri().toString(), stamp(jar));
        }
        return stamps;
    }

    private static String stamp(Path jar) throws StartupException {
        try {
            return RecordFile.stamp(jar);
        } catch (IOException e) {
            throw new StartupException("cannot read bundle " + jar + ": " + e.getMessage(), e);
        }
    }
}
