package org.jqga.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which file version (digest) each deploy-folder bundle in the Felix cache was made from, kept in this bundle's data
 * area, which lives and dies with the cache. The launcher reuses the cache from start to start, so the folder's
 * bundles are already there and running when the first scan comes; a bundle this record vouches for is kept rather
 * than updated with the same bytes again, which would stop it and take its commands away for a moment while hosts
 * are already asking.
 *
 * <p>An entry is written after the framework took the update and names the bundle's last-modified time with the
 * digest: an agent killed before the write, or a cache that lost the update, does not match, and the file is
 * deployed again, which is always safe.
 */
final class CachedFileVersions {

    private static final Logger LOG = LoggerFactory.getLogger(CachedFileVersions.class);

    private final Path directory;

    CachedFileVersions(BundleContext context) {
        File data = context.getDataFile("deployed");
        this.directory = data == null ? null : data.toPath();
    }

    /** Whether the bundle holds exactly this file version. */
    boolean holds(Bundle bundle, BundleFile version) {
        if (directory == null) {
            return false;
        }
        try {
            return Files.readString(entry(version.fileName()), StandardCharsets.US_ASCII).equals(line(bundle, version.digest()));
        } catch (IOException e) {
            return false;
        }
    }

    void remember(Bundle bundle, BundleFile version) {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Path staged = directory.resolve(version.fileName() + ".staged");
            Files.writeString(staged, line(bundle, version.digest()), StandardCharsets.US_ASCII);
            Files.move(staged, entry(version.fileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // only costs a redeploy of the same bytes at the next start
            LOG.debug("cannot record the version of {} in the bundle cache: {}", version.fileName(), e.toString());
        }
    }

    void forget(String fileName) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(entry(fileName));
        } catch (IOException e) {
            LOG.debug("cannot drop the cache record of {}: {}", fileName, e.toString());
        }
    }

    private Path entry(String fileName) {
        return directory.resolve(fileName + ".sha256");
    }

    private static String line(Bundle bundle, String digest) {
        return digest + " " + bundle.getLastModified() + "\n";
    }
}
