package org.jqga.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The audit file: opened for appending, created rw------- (it names what the host did), reopened when it was moved
 * away (logrotate's default), so rotation needs no signal. copytruncate works too, since every write appends.
 */
final class AuditFile implements AuditSink {

    private final Path path;
    private FileChannel channel;

    AuditFile(Path path) {
        this.path = path;
    }

    @Override
    public void write(List<String> lines) throws IOException {
        if (channel == null || !Files.exists(path)) {
            reopen();
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(text::append);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void reopen() throws IOException {
        close();
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do: the lines were written or already reported
            }
            channel = null;
        }
    }
}
