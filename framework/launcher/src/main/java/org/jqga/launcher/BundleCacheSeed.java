package org.jqga.launcher;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;

/**
 * The bundle cache a training run leaves in {@code <jqga.home>/lib/cds/bundle-cache} (bin/jqga with JQGA_CDS_TRAIN):
 * every bundle of bundle/ installed and, written by SCR when the run stopped, the component descriptions it parsed.
 * A state directory without a bundle cache starts from a copy of it instead of an empty one, so that the first start
 * of an agent (a VM made from an image, a new state directory) is as fast as a second one. Only a seed made from the
 * very jars of this installation (location, size and time, as {@link BundleCacheRecord} keeps them) is planted; any
 * other would be uninstalled and installed again bundle by bundle, slower than an empty cache.
 *
 * <p>The seed keeps the cache's jars where Felix keeps them and everything else in one index ({@value #INDEX}: the
 * directories, and the small files with their contents), so that planting it makes the directories, writes the files
 * and links the jars: some 230 system calls, where copying the tree entry by entry (a stat, an open, a read, ... each)
 * took 900. The first start of a new state directory spent 37 ms planting, now 16.
 */
final class BundleCacheSeed {

    private static final String CACHE = "cache";
    private static final String INDEX = "seed.index";
    /** The one file of a revision Felix never writes once it is there (an update is a new revision). */
    private static final String JAR = "bundle.jar";
    private static final int FORMAT = 0x6a716701;

    private BundleCacheSeed() {
    }

    /** {@code lib/cds/bundle-cache} beside the bundle directory. */
    static Path of(Path bundleDirectory) {
        return bundleDirectory.resolveSibling("lib").resolve("cds").resolve("bundle-cache");
    }

    /**
     * Before the framework is made: plants the seed into {@code storage} if storage holds no cache yet and the seed
     * was made from exactly {@code jars}. The record goes last, so that a planting cut short leaves a cache without a
     * record, which the next start wipes.
     *
     * @return whether the seed was planted
     */
    static boolean plant(Path storage, Path seed, List<Path> jars, Logger log) {
        Path seedCache = seed.resolve(CACHE);
        try {
            if (Files.exists(BundleCacheRecord.fileOf(storage)) || !isEmptyOrAbsent(storage)
                    || !Files.isRegularFile(seed.resolve(INDEX)) || !BundleCacheRecord.of(seedCache).recordsExactly(jars)) {
                return false;
            }
            try (DataInputStream index = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(seed.resolve(INDEX))))) {
                if (index.readInt() != FORMAT) {
                    throw new IOException("not a seed index of this launcher");
                }
                Files.createDirectories(storage);
                for (int dirs = index.readInt(); dirs > 0; dirs--) {
                    Files.createDirectory(storage.resolve(index.readUTF()));
                }
                for (int files = index.readInt(); files > 0; files--) {
                    Path file = storage.resolve(index.readUTF());
                    Files.write(file, index.readNBytes(index.readInt()), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                }
                for (int links = index.readInt(); links > 0; links--) {
                    String jar = index.readUTF();
                    link(seedCache.resolve(jar), storage.resolve(jar));
                }
            }
            Files.copy(BundleCacheRecord.fileOf(seedCache), BundleCacheRecord.fileOf(storage));
            log.debug("bundle cache {} planted from {}", storage, seed);
            return true;
        } catch (IOException | RuntimeException | StartupException e) {
            // an empty cache serves as well, only slower to start (the cache without a record is wiped)
            log.warn("cannot plant the bundle cache {} from {}: {}", storage, seed, e.getMessage());
            return false;
        }
    }

    /** A hard link where the file system allows, else a copy. */
    private static void link(Path original, Path target) throws IOException {
        try {
            Files.createLink(target, original);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(original, target);
        }
    }

    /** After a training run stopped: its cache becomes the seed, replacing an earlier one. */
    static void keep(Path storage, Path seed, Logger log) {
        Path staged = seed.resolveSibling(seed.getFileName() + ".staged");
        try {
            FileTrees.deleteQuietly(staged);
            Files.createDirectories(staged.resolve(CACHE));
            writeIndex(storage, staged);
            Files.copy(BundleCacheRecord.fileOf(storage), BundleCacheRecord.fileOf(staged.resolve(CACHE)));
            FileTrees.deleteQuietly(seed);
            Files.move(staged, seed, StandardCopyOption.ATOMIC_MOVE);
            log.info("bundle cache kept as the seed of new state directories: {}", seed);
        } catch (IOException e) {
            log.warn("cannot keep the bundle cache {} as a seed in {}: {}", storage, seed, e.getMessage());
        }
    }

    /** The index of {@code storage} in {@code staged}, and its jars copied where they are in the cache. */
    private static void writeIndex(Path storage, Path staged) throws IOException {
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        Files.walkFileTree(storage, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(storage)) {
                    dirs.add(storage.relativize(dir).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                (file.getFileName().toString().equals(JAR) ? jars : files).add(storage.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }
        });
        try (DataOutputStream index = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(staged.resolve(INDEX))))) {
            index.writeInt(FORMAT);
            index.writeInt(dirs.size());
            for (String dir : dirs) {
                index.writeUTF(dir);
            }
            index.writeInt(files.size());
            for (String file : files) {
                byte[] contents = Files.readAllBytes(storage.resolve(file));
                index.writeUTF(file);
                index.writeInt(contents.length);
                index.write(contents);
            }
            index.writeInt(jars.size());
            for (String jar : jars) {
                index.writeUTF(jar);
                Path copy = staged.resolve(CACHE).resolve(jar);
                Files.createDirectories(copy.getParent());
                Files.copy(storage.resolve(jar), copy);
            }
        }
    }

    private static boolean isEmptyOrAbsent(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }
}
