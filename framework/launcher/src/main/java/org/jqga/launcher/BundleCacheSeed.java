package org.jqga.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;

/**
 * The bundle cache a training run leaves in {@code <jqga.home>/lib/cds/bundle-cache} (bin/jqga with JQGA_CDS_TRAIN):
 * every bundle of bundle/ installed and, written by SCR when the run stopped, the component descriptions it parsed.
 * A state directory without a bundle cache starts from a copy of it instead of an empty one, so that the first start
 * of an agent (a VM made from an image, a new state directory) is as fast as a second one. Only a seed made from the
 * very jars of this installation (location, size and time, as {@link BundleCacheRecord} keeps them) is planted; any
 * other would be uninstalled and installed again bundle by bundle, slower than an empty cache.
 */
final class BundleCacheSeed {

    private static final String CACHE = "cache";

    private BundleCacheSeed() {
    }

    /** {@code lib/cds/bundle-cache} beside the bundle directory. */
    static Path of(Path bundleDirectory) {
        return bundleDirectory.resolveSibling("lib").resolve("cds").resolve("bundle-cache");
    }

    /**
     * Before the framework is made: copies the seed into {@code storage} if storage holds no cache yet and the seed
     * was made from exactly {@code jars}. The record goes last, so that a copy cut short leaves a cache without a
     * record, which the next start wipes.
     *
     * @return whether the seed was planted
     */
    static boolean plant(Path storage, Path seed, List<Path> jars, Logger log) {
        Path seedCache = seed.resolve(CACHE);
        try {
            if (Files.exists(BundleCacheRecord.fileOf(storage)) || !isEmptyOrAbsent(storage) || !Files.isDirectory(seedCache)
                    || !BundleCacheRecord.of(seedCache).recordsExactly(jars)) {
                return false;
            }
            // Felix never writes a revision's bundle.jar once it is there (an update is a new revision): linked
            FileTrees.copy(seedCache, storage, file -> file.getFileName().toString().equals("bundle.jar"));
            Files.copy(BundleCacheRecord.fileOf(seedCache), BundleCacheRecord.fileOf(storage));
            log.debug("bundle cache {} planted from {}", storage, seed);
            return true;
        } catch (IOException | StartupException e) {
            // an empty cache serves as well, only slower to start
            log.warn("cannot plant the bundle cache {} from {}: {}", storage, seed, e.getMessage());
            return false;
        }
    }

    /** After a training run stopped: its cache becomes the seed, replacing an earlier one. */
    static void keep(Path storage, Path seed, Logger log) {
        Path staged = seed.resolveSibling(seed.getFileName() + ".staged");
        try {
            FileTrees.deleteQuietly(staged);
            FileTrees.copy(storage, staged.resolve(CACHE));
            Files.copy(BundleCacheRecord.fileOf(storage), BundleCacheRecord.fileOf(staged.resolve(CACHE)));
            FileTrees.deleteQuietly(seed);
            Files.move(staged, seed, StandardCopyOption.ATOMIC_MOVE);
            log.info("bundle cache kept as the seed of new state directories: {}", seed);
        } catch (IOException e) {
            log.warn("cannot keep the bundle cache {} as a seed in {}: {}", storage, seed, e.getMessage());
        }
    }

    private static boolean isEmptyOrAbsent(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
