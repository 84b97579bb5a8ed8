package org.jqga.commands.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.jqga.api.Base64Argument;
import org.jqga.api.ByteSource;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.function.Executable;

/** The six commands over one table on a temporary state directory, called directly as the engine would. */
final class FileCommandsFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A request's context as the engine gives it, lending fresh buffers. */
    static final CommandContext CONTEXT = () -> { };

    final Path stateDir;
    final FileHandleTable table;
    final GuestFileOpen open;
    final GuestFileRead read;
    final GuestFileWrite write;
    final GuestFileSeek seek;
    final GuestFileFlush flush;
    final GuestFileClose close;

    FileCommandsFixture(Path stateDir, int maxHandles) {
        this.stateDir = stateDir;
        this.table = new FileHandleTable(stateDir, maxHandles);
        this.open = new GuestFileOpen(table);
        this.read = new GuestFileRead(table);
        this.write = new GuestFileWrite(table);
        this.seek = new GuestFileSeek(table);
        this.flush = new GuestFileFlush(table);
        this.close = new GuestFileClose(table);
    }

    long open(Path path, String mode) throws CommandException {
        return open.execute(new GuestFileOpen.Arguments(path.toString(), mode), null);
    }

    GuestFileRead.Result read(long handle, Long count) throws CommandException {
        return read(handle, count, CONTEXT);
    }

    GuestFileRead.Result read(long handle, Long count, CommandContext context) throws CommandException {
        return read.execute(new GuestFileRead.Arguments(handle, count), context);
    }

    byte[] readBytes(long handle, long count) throws CommandException {
        return bytes(read(handle, count));
    }

    /**
     * What a read returned, as the engine would encode it: a buffer's bytes from position to limit, or what a source
     * reads in the engine's pieces of 192 KiB, where bytes it leaves unread stay zero.
     */
    static byte[] bytes(GuestFileRead.Result result) {
        if (result.bufB64() instanceof ByteSource source) {
            byte[] all = new byte[(int) source.length()];
            ByteBuffer piece = ByteBuffer.allocateDirect(3 << 16);
            for (int from = 0; from < all.length; from += piece.capacity()) {
                source.read(from, piece.clear().limit(Math.min(piece.capacity(), all.length - from)));
                piece.flip().get(all, from, piece.remaining());
            }
            return all;
        }
        ByteBuffer bytes = (ByteBuffer) result.bufB64();
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }

    GuestFileWrite.Result write(long handle, byte[] data) throws CommandException {
        return write.execute(new GuestFileWrite.Arguments(handle, Base64Argument.ofText(Base64.getEncoder().encodeToString(data)), null), null);
    }

    /** As the engine hands over a large canonical argument: decoded into a lent array, here part of a larger one. */
    GuestFileWrite.Result writeLent(long handle, java.nio.ByteBuffer decoded, Long count) throws CommandException {
        return write.execute(new GuestFileWrite.Arguments(handle, Base64Argument.ofLent(decoded, 0), count), null);
    }

    GuestFileWrite.Result writeB64(long handle, String bufB64, Long count) throws CommandException {
        return write.execute(new GuestFileWrite.Arguments(handle, Base64Argument.ofText(bufB64), count), null);
    }

    GuestFileSeek.Result seek(long handle, long offset, String whenceJson) throws Exception {
        return seek.execute(new GuestFileSeek.Arguments(handle, offset, whence(whenceJson)), null);
    }

    void close(long handle) throws CommandException {
        close.execute(new GuestFileClose.Arguments(handle), null);
    }

    static JsonNode whence(String json) throws IOException {
        return JSON.readTree(json);
    }

    static void assertError(String desc, Executable call) {
        CommandException e = assertThrows(CommandException.class, call);
        assertEquals(desc, e.desc());
    }

    /** Descriptors this JVM holds, to prove failures leak none. */
    /**
     * This process's descriptors open on files under {@code under}: other threads of the test JVM open and close
     * descriptors of their own at any time, so a count of all of them is not a measure of leaks.
     */
    static long openDescriptors(Path under) throws IOException {
        Path root = under.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(root);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            }).count();
        }
    }

    /** A read result with its bytes as base64 text, so results compare by value. */
    record ReadView(long count, String bufB64, boolean eof) {
    }

    ReadView readView(long handle, Long count) throws CommandException {
        GuestFileRead.Result result = read(handle, count);
        return new ReadView(result.count(), Base64.getEncoder().encodeToString(bytes(result)), result.eof());
    }
}
