package org.jqga.commands.hardware.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.constants.platform.OpenFlags;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;

/**
 * The raw system calls qemu-ga makes on sysfs, with their errno: the host is told errno values
 * (guest-set-memory-blocks' error-code) and strerror texts, which Java's file API does not expose.
 */
final class SysfsAttribute {

    private SysfsAttribute() {
    }

    /** Fails unless {@code path} opens as a directory (qemu-ga's open(O_RDONLY | O_DIRECTORY)). */
    static void checkDirectory(String path) throws PosixException {
        Posix.close(Posix.open(path, OpenFlags.O_RDONLY.intValue() | OpenFlags.O_DIRECTORY.intValue()
                | OpenFlags.O_CLOEXEC.intValue(), 0));
    }

    static int open(String path, OpenFlags access) throws PosixException {
        return Posix.open(path, access.intValue() | OpenFlags.O_CLOEXEC.intValue(), 0);
    }

    /** One read of up to {@code max} bytes from the start of a freshly opened attribute; empty at EOF. */
    static byte[] readPrefix(int fd, int max) throws PosixException {
        ByteBuffer buffer = ByteBuffer.allocate(max);
        Posix.read(fd, buffer);
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /** qemu-ga's pwrite at offset 0: one write of the whole value, as sysfs expects it. */
    static void write(int fd, String value) throws PosixException {
        Posix.lseek(fd, 0, Posix.SEEK_SET);
        Posix.write(fd, ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII)));
    }

    static void closeQuietly(int fd) {
        try {
            Posix.close(fd);
        } catch (PosixException ignored) {
            // nothing was written through it that a failed close could lose on sysfs
        }
    }
}
