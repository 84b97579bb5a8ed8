package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.posix.FilesystemStatistics;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;

/**
 * statvfs(3) of a mount point turned into guest-get-fsinfo's three sizes, as qemu-ga computes them: used =
 * blocks - free, total = used + available to unprivileged users, privileged total = all blocks, each times
 * the fragment size. Through the posix bundle; the JDK's FileStore (the same statvfs, but it first looks the
 * path up in the mount table) when that bundle is not installed.
 */
interface FilesystemSizes {

    /** @param usedBytes the three sizes in bytes; see the interface comment */
    record Sizes(long usedBytes, long totalBytes, long totalBytesPrivileged) {

        static Sizes of(long fragmentSize, long blocks, long free, long available) {
            long used = blocks - free;
            return new Sizes(used * fragmentSize, (used + available) * fragmentSize, blocks * fragmentSize);
        }
    }

    /** @return null when statvfs fails (qemu-ga then leaves the sizes out) */
    Sizes of(Path mountPoint);

    FilesystemSizes STATVFS = mountPoint -> {
        try {
            return ofStatvfs(mountPoint);
        } catch (LinkageError e) {
            return ofFileStore(mountPoint);
        }
    };

    private static Sizes ofStatvfs(Path mountPoint) {
        try {
            FilesystemStatistics stats = Posix.statvfs(mountPoint.toString());
            return Sizes.of(stats.fragmentSize(), stats.blocks(), stats.freeBlocks(), stats.availableBlocks());
        } catch (PosixException e) {
            return null;
        }
    }

    private static Sizes ofFileStore(Path mountPoint) {
        try {
            FileStore store = Files.getFileStore(mountPoint);
            // byte counts: fragment size 1
            return Sizes.of(1, store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
