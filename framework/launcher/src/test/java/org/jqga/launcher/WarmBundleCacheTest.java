package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The bundle cache is kept between starts, and still follows every change of bundle/; a new one starts from the seed. */
class WarmBundleCacheTest {

    private static final LauncherProperties LAUNCHER = new LauncherProperties("9.8.7", "2.0.20");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WarmBundleCacheTest.class);

    @TempDir
    Path dir;

    /** One start and stop; returns what {@code inspect} saw while the framework ran. */
    private <T> T startAndStop(Inspection<T> inspect) throws Exception {
        return startAndStop(dir.resolve("bundle"), inspect);
    }

    private <T> T startAndStop(Path bundleDirectory, Inspection<T> inspect) throws Exception {
        return startAndStop(bundleDirectory, dir.resolve("cache"), inspect);
    }

    private <T> T startAndStop(Path bundleDirectory, Path storage, Inspection<T> inspect) throws Exception {
        FelixRunner runner = new FelixRunner(FrameworkProperties.of(new AgentConfig(), FrameworkProperties.MODE_SERVE,
                storage, dir.toString(), LAUNCHER, new FelixLogBridge()));
        runner.start(bundleDirectory);
        try {
            return inspect.on(runner);
        } finally {
            assertTrue(runner.stop(Duration.ofSeconds(10)));
        }
    }

    @FunctionalInterface
    private interface Inspection<T> {
        T on(FelixRunner runner) throws Exception;
    }

    private Path writeBundle(String file, String symbolicName, String version) throws IOException {
        Path jar = Files.createDirectories(dir.resolve("bundle")).resolve(file);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private static Bundle bundle(FelixRunner runner, String symbolicName) {
        for (Bundle bundle : runner.context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    @Test
    void aSecondStartReusesTheCachedBundleInsteadOfInstallingItAgain() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        long[] first = startAndStop(r -> new long[] {bundle(r, "test.a").getBundleId(),
                bundle(r, "test.a").getLastModified()});
        Thread.sleep(20);
        long[] second = startAndStop(r -> new long[] {bundle(r, "test.a").getBundleId(),
                bundle(r, "test.a").getLastModified(), bundle(r, "test.a").getState()});
        assertEquals(first[0], second[0]);
        assertEquals(first[1], second[1], "installed or updated again although the jar did not change");
        assertEquals(Bundle.ACTIVE, second[2]);
    }

    /** A start that found the cache as recorded writes nothing to the state directory. */
    @Test
    void anUnchangedRecordIsNotWrittenAgain() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        startAndStop(r -> null);
        Path record = dir.resolve("cache.jars");
        Object file = Files.readAttributes(record, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.setLastModifiedTime(record, FileTime.fromMillis(1_000_000_000_000L));
        startAndStop(r -> null);
        assertEquals(file, Files.readAttributes(record, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "the record was replaced");
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(record));
        writeBundle("b.jar", "test.b", "1.0.0");
        startAndStop(r -> null);
        assertTrue(Files.readString(record).contains("b.jar"), "a changed cache is recorded");
    }

    @Test
    void aChangedJarIsUpdatedInPlace() throws Exception {
        Path jar = writeBundle("a.jar", "test.a", "1.0.0");
        long id = startAndStop(r -> bundle(r, "test.a").getBundleId());
        writeBundle("a.jar", "test.a", "2.0.0");
        // a copy that keeps the size and the old time would be missed; a real replacement changes the time
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        String[] seen = startAndStop(r -> new String[] {Long.toString(bundle(r, "test.a").getBundleId()),
                bundle(r, "test.a").getVersion().toString(), Integer.toString(bundle(r, "test.a").getState())});
        assertEquals(Long.toString(id), seen[0]);
        assertEquals("2.0.0", seen[1]);
        assertEquals(Integer.toString(Bundle.ACTIVE), seen[2]);
    }

    @Test
    void aRemovedJarIsUninstalledAndANewOneInstalled() throws Exception {
        Path a = writeBundle("a.jar", "test.a", "1.0.0");
        startAndStop(r -> bundle(r, "test.a"));
        Files.delete(a);
        writeBundle("b.jar", "test.b", "1.0.0");
        startAndStop(r -> {
            assertNull(bundle(r, "test.a"));
            assertEquals(Bundle.ACTIVE, bundle(r, "test.b").getState());
            return null;
        });
    }

    @Test
    void aMovedInstallationReplacesTheCachedBundlesOfTheSameNameAndVersion() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        startAndStop(r -> bundle(r, "test.a"));
        // the same jar under another directory, as when the installation moves and the state directory stays
        Path moved = Files.move(dir.resolve("bundle"), dir.resolve("moved-bundle"));
        startAndStop(moved, r -> {
            Bundle a = bundle(r, "test.a");
            assertEquals(moved.resolve("a.jar").toUri().toString(), a.getLocation());
            assertEquals(Bundle.ACTIVE, a.getState());
            assertEquals(1, Arrays.stream(r.context().getBundles())
                    .filter(b -> "test.a".equals(b.getSymbolicName())).count());
            return null;
        });
    }

    @Test
    void withoutItsRecordTheCacheIsWipedRatherThanTrusted() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        long firstInstall = startAndStop(r -> bundle(r, "test.a").getLastModified());
        Files.delete(dir.resolve("cache.jars"));
        Thread.sleep(20);
        long secondInstall = startAndStop(r -> bundle(r, "test.a").getLastModified());
        assertNotEquals(firstInstall, secondInstall);
    }

    @Test
    void anUnloadableCacheIsWipedAndTheStartSucceeds() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        startAndStop(r -> null);
        // what a crash in the middle of a write may leave behind
        try (var children = Files.list(dir.resolve("cache"))) {
            for (Path child : children.toList()) {
                if (Files.isDirectory(child) && !child.getFileName().toString().equals("bundle0")) {
                    try (var files = Files.walk(child)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            Files.writeString(f, "garbage");
                        }
                    }
                }
            }
        }
        assertEquals(Bundle.ACTIVE, (int) startAndStop(r -> bundle(r, "test.a").getState()));
    }

    /** A training run's cache, kept as the seed, is what a new state directory starts from: nothing installed again. */
    @Test
    void aNewCacheStartsFromTheSeedOfTheSameJars() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        long[] trained = startAndStop(r -> new long[] {bundle(r, "test.a").getBundleId(), bundle(r, "test.a").getLastModified()});
        Path seed = dir.resolve("lib/cds/bundle-cache");
        Files.createDirectories(seed.getParent());
        BundleCacheSeed.keep(dir.resolve("cache"), seed, LOG);

        Path fresh = dir.resolve("fresh/cache");
        Files.createDirectories(fresh);
        assertTrue(BundleCacheSeed.plant(fresh, seed, FelixRunner.bundleJars(dir.resolve("bundle")), LOG));
        assertEquals(tree(dir.resolve("cache")), tree(fresh), "the planted cache is the trained one, file by file");
        try (var files = Files.walk(fresh)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().equals("bundle.jar")).toList();
            assertEquals(1, jars.size());
            Path original = seed.resolve("cache").resolve(fresh.relativize(jars.get(0)).toString());
            assertEquals(Files.readAttributes(original, BasicFileAttributes.class).fileKey(),
                    Files.readAttributes(jars.get(0), BasicFileAttributes.class).fileKey(), "linked, not copied");
        }
        Thread.sleep(20);
        long[] planted = startAndStop(dir.resolve("bundle"), fresh, r -> new long[] {bundle(r, "test.a").getBundleId(),
                bundle(r, "test.a").getLastModified(), bundle(r, "test.a").getState()});
        assertEquals(trained[0], planted[0]);
        assertEquals(trained[1], planted[1], "installed again instead of taken from the seed");
        assertEquals(Bundle.ACTIVE, planted[2]);

        assertTrue(!BundleCacheSeed.plant(fresh, seed, FelixRunner.bundleJars(dir.resolve("bundle")), LOG),
                "a cache that has a record is never replaced");
    }

    @Test
    void aSeedWhoseIndexIsCutShortLeavesACacheWithoutRecordWhichTheNextStartWipes() throws Exception {
        writeBundle("a.jar", "test.a", "1.0.0");
        startAndStop(r -> null);
        Path seed = dir.resolve("seed");
        BundleCacheSeed.keep(dir.resolve("cache"), seed, LOG);
        Path index = seed.resolve("seed.index");
        byte[] whole = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(whole, whole.length / 2));

        Path fresh = dir.resolve("fresh/cache");
        assertTrue(!BundleCacheSeed.plant(fresh, seed, FelixRunner.bundleJars(dir.resolve("bundle")), LOG));
        assertTrue(!Files.exists(BundleCacheRecord.fileOf(fresh)), "no record for a cache planted halfway");
        assertEquals(Bundle.ACTIVE, (int) startAndStop(dir.resolve("bundle"), fresh,
                r -> bundle(r, "test.a").getState()));
    }

    /** Every file of a cache but its jars, by path, with its contents (Felix writes its state files in place). */
    private static Map<String, String> tree(Path cache) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (var entries = Files.walk(cache)) {
            for (Path entry : entries.toList()) {
                String name = cache.relativize(entry).toString();
                if (Files.isDirectory(entry)) {
                    tree.put(name + "/", "");
                } else if (!entry.getFileName().toString().equals("bundle.jar")) {
                    tree.put(name, Arrays.toString(Files.readAllBytes(entry)));
                }
            }
        }
        return tree;
    }

    @Test
    void aSeedOfOtherJarsIsNotPlanted() throws Exception {
        Path jar = writeBundle("a.jar", "test.a", "1.0.0");
        startAndStop(r -> null);
        Path seed = dir.resolve("seed");
        BundleCacheSeed.keep(dir.resolve("cache"), seed, LOG);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        Path fresh = dir.resolve("fresh/cache");
        assertTrue(!BundleCacheSeed.plant(fresh, seed, FelixRunner.bundleJars(dir.resolve("bundle")), LOG));
        assertTrue(!Files.exists(fresh), "nothing copied");
        writeBundle("b.jar", "test.b", "1.0.0");
        assertTrue(!BundleCacheSeed.plant(fresh, seed, FelixRunner.bundleJars(dir.resolve("bundle")), LOG));
    }
}
