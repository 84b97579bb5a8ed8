package org.jqga.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers on the plain class path; PosixBundleIT repeats the essentials inside Felix. */
class PosixTest {

    private static final int O_RDONLY = OpenFlags.O_RDONLY.intValue();
    private static final int O_RDWR = OpenFlags.O_RDWR.intValue();
    private static final int O_CREAT = OpenFlags.O_CREAT.intValue();
    private static final int O_EXCL = OpenFlags.O_EXCL.intValue();
    /** FIGETBSZ from linux/fs.h: _IO(0x00, 2). */
    private static final long FIGETBSZ = 2;
    /** TCGETS from asm-generic/ioctls.h. */
    private static final long TCGETS = 0x5401;

    @TempDir
    Path dir;

    @Test
    void jnrPosixIsNativeAndSeesThisProcess() {
        assertTrue(Posix.jnr().isNative());
        assertEquals(ProcessHandle.current().pid(), Posix.jnr().getpid());
    }

    @Test
    void writesSeeksAndReadsThroughHeapAndDirectBuffers() throws Exception {
        Path file = dir.resolve("data-\u00e9\u00df.bin");
        int fd = Posix.openNonBlocking(file.toString(), O_RDWR | O_CREAT | O_EXCL, 0);
        try {
            Posix.fchmod(fd, 0666);
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            ByteBuffer source = ByteBuffer.wrap(all, 16, 240);
            assertEquals(240, Posix.write(fd, source));
            assertEquals(256, source.position());
            assertEquals(240, Posix.lseek(fd, 0, Posix.SEEK_CUR));
            assertEquals(10, Posix.lseek(fd, 10, Posix.SEEK_SET));

            byte[] back = new byte[300];
            ByteBuffer heap = ByteBuffer.wrap(back);
            heap.position(5);
            assertEquals(230, Posix.read(fd, heap));
            assertEquals(235, heap.position());
            assertEquals(0, Posix.read(fd, heap), "end of file reads 0");
            for (int i = 0; i < 230; i++) {
                assertEquals((byte) (26 + i), back[5 + i]);
            }

            ByteBuffer direct = ByteBuffer.allocateDirect(4);
            Posix.lseek(fd, -4, Posix.SEEK_END);
            assertEquals(4, Posix.read(fd, direct));
            direct.flip();
            byte[] tail = new byte[4];
            direct.get(tail);
            assertArrayEquals(new byte[] {(byte) 252, (byte) 253, (byte) 254, (byte) 255}, tail);
        } finally {
            Posix.close(fd);
        }
        assertTrue(Files.exists(file), "the UTF-8 path names the file Java sees");
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** pread reads at an offset, into a buffer's position, and leaves the descriptor's file position alone. */
    @Test
    void preadReadsAtAnOffsetAndKeepsTheFilePosition() throws Exception {
        byte[] content = new byte[300 * 1024];
        new java.util.Random(2).nextBytes(content);
        Path file = Files.write(dir.resolve("pread.bin"), content);
        int fd = Posix.open(file.toString(), O_RDONLY, 0);
        try {
            assertEquals(7, Posix.lseek(fd, 7, Posix.SEEK_SET));
            ByteBuffer direct = ByteBuffer.allocateDirect(256 * 1024);
            direct.position(3);
            int n = Posix.pread(fd, direct, 1000);
            assertTrue(n > 0 && n <= direct.capacity() - 3, "read " + n);
            assertEquals(3 + n, direct.position());
            byte[] back = new byte[n];
            direct.flip().position(3);
            direct.get(back);
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 1000, 1000 + n), back);
            assertEquals(7, Posix.lseek(fd, 0, Posix.SEEK_CUR), "the file position stays");

            ByteBuffer small = ByteBuffer.allocate(10);
            assertEquals(10, Posix.pread(fd, small, content.length - 10));
            assertArrayEquals(java.util.Arrays.copyOfRange(content, content.length - 10, content.length), small.array());
            assertEquals(0, Posix.pread(fd, ByteBuffer.allocate(10), content.length), "end of file reads 0");
            assertThrows(IllegalArgumentException.class, () -> Posix.pread(fd, ByteBuffer.allocate(65 * 1024), 0),
                    "large heap buffers are refused, not copied whole");
        } finally {
            Posix.close(fd);
        }
        int writeOnly = Posix.open(file.toString(), OpenFlags.O_WRONLY.intValue(), 0);
        try {
            PosixException failure = assertThrows(PosixException.class,
                    () -> Posix.pread(writeOnly, ByteBuffer.allocate(1), 0));
            assertTrue(failure.is(Errno.EBADF), failure.getMessage());
        } finally {
            Posix.close(writeOnly);
        }
    }

    @Test
    void largeHeapBuffersMoveAtMostOneNativeChunkPerCallAndKeepEveryByte() throws Exception {
        int chunk = org.jqga.posix.internal.NativeChunks.CHUNK;
        byte[] data = new byte[2 * chunk + 1000];
        new java.util.Random(9).nextBytes(data);
        int fd = Posix.openNonBlocking(dir.resolve("large.bin").toString(), O_RDWR | O_CREAT | O_EXCL, 0600);
        try {
            ByteBuffer source = ByteBuffer.wrap(data, 500, data.length - 500);
            int calls = 0;
            while (source.hasRemaining()) {
                int n = Posix.write(fd, source);
                assertTrue(n > 0 && n <= chunk, "one chunk at most: " + n);
                calls++;
            }
            assertEquals(3, calls);
            Posix.lseek(fd, 0, Posix.SEEK_SET);
            byte[] back = new byte[data.length];
            ByteBuffer target = ByteBuffer.wrap(back, 500, data.length - 500);
            while (target.hasRemaining()) {
                int n = Posix.read(fd, target);
                assertTrue(n > 0 && n <= chunk, "one chunk at most: " + n);
            }
            assertEquals(0, Posix.read(fd, ByteBuffer.allocate(chunk * 2)), "end of file reads 0");
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 500, data.length),
                    java.util.Arrays.copyOfRange(back, 500, back.length));
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void failuresCarryErrnoAndStrerror() throws Exception {
        PosixException missing = assertThrows(PosixException.class,
                () -> Posix.open(dir.resolve("nope").toString(), O_RDONLY, 0));
        assertTrue(missing.is(Errno.ENOENT));
        assertEquals("No such file or directory", missing.strerror());

        Path file = Files.writeString(dir.resolve("f"), "x");
        int fd = Posix.open(file.toString(), O_RDONLY, 0);
        try {
            PosixException badFd = assertThrows(PosixException.class,
                    () -> Posix.write(fd, ByteBuffer.wrap(new byte[] {1})));
            assertEquals("Bad file descriptor", badFd.getMessage());
            PosixException negative = assertThrows(PosixException.class, () -> Posix.lseek(fd, -1, Posix.SEEK_SET));
            assertTrue(negative.is(Errno.EINVAL));
        } finally {
            Posix.close(fd);
        }
        assertThrows(PosixException.class, () -> Posix.close(fd));
        assertEquals("Resource temporarily unavailable", Posix.strerror(Errno.EAGAIN.intValue()));
    }

    @Test
    void ioctlWithIntegerAndStructArguments() throws Exception {
        int devNull = Posix.open("/dev/null", O_RDONLY, 0);
        try {
            PosixException notTty = assertThrows(PosixException.class,
                    () -> Posix.ioctl(devNull, TCGETS, ByteBuffer.allocateDirect(64)));
            assertTrue(notTty.is(Errno.ENOTTY));
        } finally {
            Posix.close(devNull);
        }
        Path file = Files.writeString(dir.resolve("g"), "x");
        int fd = Posix.open(file.toString(), O_RDONLY, 0);
        try {
            ByteBuffer blockSize = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            assertEquals(0, Posix.ioctl(fd, FIGETBSZ, blockSize));
            assertTrue(blockSize.getInt(0) >= 512, "block size " + blockSize.getInt(0));
        } finally {
            Posix.close(fd);
        }
    }
}
