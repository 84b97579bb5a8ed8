package org.jqga.fsfreeze.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jqga.posix.mounts.MountTable;

/**
 * Scratch ext4 images, loop-mounted under a fresh directory of /tmp, and a copy of this process's mount
 * table holding only their lines: the Freezer under test never sees any other filesystem.
 */
final class LoopMounts implements AutoCloseable {

    final Path dir;
    final List<String> mountPoints = new ArrayList<>();
    final Path mountinfo;
    final TestOnlyFilesystems kernel;

    /** Root, mkfs.ext4 and a working loop mount; the reason when not. */
    static String unavailableReason() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return "not root";
            }
        } catch (IOException | RuntimeException e) {
            return "cannot tell the uid: " + e;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4")) && !Files.isExecutable(Path.of("/sbin/mkfs.ext4"))) {
            return "no mkfs.ext4";
        }
        return null;
    }

    LoopMounts(int count) throws IOException, InterruptedException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jqga-fsfreeze-test.");
        mountinfo = dir.resolve("mountinfo");
        kernel = new TestOnlyFilesystems(new KernelFilesystems(), dir);
        try {
            ensureLoopDevice();
            for (int i = 0; i < count; i++) {
                Path image = dir.resolve("image" + i + ".ext4");
                Path mountPoint = Files.createDirectory(dir.resolve("mnt" + i));
                run("truncate", "-s", "32M", image.toString());
                run("mkfs.ext4", "-q", "-F", image.toString());
                run("mount", "-o", "loop", image.toString(), mountPoint.toString());
                mountPoints.add(mountPoint.toString());
            }
            writeMountinfo(List.of(), List.of());
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    String mount(int index) {
        return mountPoints.get(index);
    }

    /**
     * This process's mount table reduced to the test's own lines, with {@code before} lines put first and
     * {@code after} lines last (e.g. a vanished mount point).
     */
    void writeMountinfo(List<String> before, List<String> after) throws IOException {
        List<String> lines = new ArrayList<>(before);
        for (String line : Files.readAllLines(MountTable.PROC_MOUNTINFO, StandardCharsets.ISO_8859_1)) {
            String[] fields = line.split(" ");
            if (fields.length > 4 && MountTable.decode(fields[4]).startsWith(dir + "/")) {
                lines.add(line);
            }
        }
        lines.addAll(after);
        if (lines.size() < mountPoints.size()) {
            throw new IllegalStateException("loop mounts missing from /proc/self/mountinfo: " + lines);
        }
        Files.write(mountinfo, lines, StandardCharsets.ISO_8859_1);
    }

    /** A write of a new file plus fsync, on a daemon thread (a write to a frozen filesystem cannot be interrupted). */
    static CompletableFuture<Void> writeInBackground(Path file) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[4096]));
                channel.force(true);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "write-probe " + file);
        writer.setDaemon(true);
        writer.start();
        return done;
    }

    /** Safety net: thaws each test mount until FITHAW fails. Thawing never hurts. */
    void thawAll() {
        for (String mountPoint : mountPoints) {
            try (Filesystems.OpenMount open = kernel.open(mountPoint)) {
                for (int i = 0; i < 64; i++) {
                    open.thaw();
                }
            } catch (Exception e) {
                // EINVAL: not frozen
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        thawAll();
        IOException failure = null;
        for (String mountPoint : mountPoints) {
            try {
                run("umount", mountPoint);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure; // the directory stays, with the images, for a look
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Containers and CI machines sometimes lack loop device nodes; mount -o loop needs /dev/loop-control
     * and a free /dev/loopN. Creates the nodes (block major 7) when none is free.
     */
    private static void ensureLoopDevice() throws IOException, InterruptedException {
        if (exec("losetup", "-f") == 0) {
            return;
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            exec("mknod", "-m", "0660", "/dev/loop-control", "c", "10", "237");
        }
        for (int n = 0; n < 8; n++) {
            if (!Files.exists(Path.of("/dev/loop" + n))) {
                exec("mknod", "-m", "0660", "/dev/loop" + n, "b", "7", Integer.toString(n));
            }
        }
        System.err.println("LoopMounts: created loop device nodes, losetup -f now exits " + exec("losetup", "-f"));
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
