package org.jqga.benchmark;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Random;

/** Moves a file through guest-file-open/-write/-read/-close in chunks of one size and times it. */
final class FileTransfer {

    private final QgaConnection connection;
    private final Path file;
    private final long totalBytes;

    FileTransfer(QgaConnection connection, Path file, long totalBytes) {
        this.connection = connection;
        this.file = file;
        this.totalBytes = totalBytes;
    }

    /** @return MiB/s writing {@code totalBytes} in chunks of {@code chunk} bytes */
    double write(int chunk) throws IOException {
        byte[] data = new byte[chunk];
        new Random(chunk).nextBytes(data);
        String base64 = Base64.getEncoder().encodeToString(data);
        long handle = open("w");
        byte[] request = ("{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + handle + ",\"buf-b64\":\""
                + base64 + "\"}}").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        for (long written = 0; written < totalBytes; written += chunk) {
            connection.send(request);
            String reply = Replies.requireReturn("guest-file-write", connection.readLine());
            if (Replies.integer(reply, "count") != chunk) {
                throw new IOException("short write: " + Replies.abbreviate(reply));
            }
        }
        close(handle);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Files.size(file) != totalBytes) {
            throw new IOException("the file has " + Files.size(file) + " bytes after writing " + totalBytes);
        }
        return totalBytes / (1024.0 * 1024.0) / seconds;
    }

    /**
     * Writes the file's dirty pages out, untimed, between a write pass and what comes next: otherwise the kernel
     * flushes the 64 MiB an agent has just written while the next pass runs, whichever agent's it is.
     */
    void flushToDisk() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** @return MiB/s reading the file written before in chunks of {@code chunk} bytes */
    double read(int chunk) throws IOException {
        long handle = open("r");
        String request = "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + ",\"count\":"
                + chunk + "}}";
        long read = 0;
        long start = System.nanoTime();
        while (true) {
            connection.send(request);
            String reply = Replies.requireReturn(request, connection.readLineEnds(64));
            read += Replies.integer(reply, "count");
            if (Replies.flag(reply, "eof")) {
                break;
            }
        }
        close(handle);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (read != totalBytes) {
            throw new IOException("read " + read + " bytes of " + totalBytes);
        }
        return totalBytes / (1024.0 * 1024.0) / seconds;
    }

    private long open(String mode) throws IOException {
        String request = "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file + "\",\"mode\":\""
                + mode + "\"}}";
        return Replies.returnedInteger(Replies.requireReturn(request, connection.request(request)));
    }

    private void close(long handle) throws IOException {
        String request = "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}";
        Replies.requireReturn(request, connection.request(request));
    }
}
