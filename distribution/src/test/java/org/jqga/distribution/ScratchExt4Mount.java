package org.jqga.distribution;

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

/**
 * A small ext4 image made by the test and loop-mounted under a fresh directory of /tmp: the only filesystem a test
 * on this machine may freeze. {@link #mountinfo()} is this process's mount table reduced to that one line, for an
 * agent that must not even see (and so never thaw) anything else. Closing thaws it, unmounts it and deletes it all.
 */
final class ScratchExt4Mount implements AutoCloseable {

    private final Path directory;
    private final Path mountPoint;
    private final Path mountinfo;
    private boolean mounted;

    /** Null when this machine can run the test (root, mkfs.ext4, fsfreeze, loop devices), else why not. */
    static String unavailableReason() {
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return "needs root";
            }
        } catch (IOException | RuntimeException e) {
            return "cannot tell the uid: " + e;
        }
        for (String tool : List.of("mkfs.ext4", "fsfreeze", "mount", "umount")) {
            if (Stream.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/").noneMatch(d -> Files.isExecutable(Path.of(d + tool)))) {
                return "no " + tool;
            }
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            return "no /dev/loop-control";
        }
        return null;
    }

    ScratchExt4Mount(String size) throws IOException, InterruptedException {
        directory = Files.createTempDirectory(Path.of("/tmp"), "jqga-frozen-e2e.");
        mountPoint = Files.createDirectory(directory.resolve("mnt"));
        mountinfo = directory.resolve("mountinfo");
        try {
            Path image = directory.resolve("image.ext4");
            run("truncate", "-s", size, image.toString());
            run("mkfs.ext4", "-q", "-F", image.toString());
            ensureLoopNodes();
            run("mount", "-o", "loop", image.toString(), mountPoint.toString());
            mounted = true;
            writeMountinfo();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    Path mountPoint() {
        return mountPoint;
    }

    Path mountinfo() {
        return mountinfo;
    }

    /** Creates a file and fsyncs it on a daemon thread: on a frozen filesystem that sleeps, uninterruptibly. */
    CompletableFuture<Void> writeProbe(String name) {
        Path file = mountPoint.resolve(name);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(file, "probe\n", StandardCharsets.US_ASCII);
                try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "write probe " + file);
        writer.setDaemon(true);
        writer.start();
        return done;
    }

    /** FITHAW until it fails (EINVAL: not frozen); thawing never hurts. */
    void thaw() throws InterruptedException {
        for (int i = 0; i < 16; i++) {
            try {
                if (exec(List.of("fsfreeze", "-u", mountPoint.toString())) != 0) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted) {
            thaw();
            run("umount", mountPoint.toString());
            mounted = false;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void writeMountinfo() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.ISO_8859_1)) {
            String[] fields = line.split(" ");
            if (fields.length > 4 && fields[4].equals(mountPoint.toString())) {
                lines.add(line);
            }
        }
        if (lines.size() != 1) {
            throw new IllegalStateException("expected one mountinfo line for " + mountPoint + ", found " + lines);
        }
        Files.write(mountinfo, lines, StandardCharsets.ISO_8859_1);
    }

    /** Some containers have /dev/loop-control but no /dev/loopN nodes; mount -o loop needs a free one. */
    private static void ensureLoopNodes() throws IOException, InterruptedException {
        for (int i = 0; i < 8; i++) {
            Path node = Path.of("/dev/loop" + i);
            if (!Files.exists(node)) {
                run("mknod", "-m", "0660", node.toString(), "b", "7", Integer.toString(i));
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        if (exec(List.of(command)) != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    private static int exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return process.exitValue();
    }
}
