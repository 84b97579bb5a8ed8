package org.jqga.commands.file.internal;

import static org.jqga.commands.file.internal.FileCommandsFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestFileReadWriteTest {

    @TempDir
    Path dir;

    private FileCommandsFixture agent;

    @BeforeEach
    void createAgent() throws Exception {
        agent = new FileCommandsFixture(Files.createDirectory(dir.resolve("state")), 1024);
    }

    @Test
    void everyByteValueRoundTrips() throws Exception {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Path file = dir.resolve("binary");
        long handle = agent.open(file, "w+");
        GuestFileWrite.Result written = agent.write(handle, all);
        assertEquals(512, written.count());
        assertFalse(written.eof());
        assertEquals(0, agent.seek(handle, 0, "\"set\"").position());
        GuestFileRead.Result read = agent.read(handle, 512L);
        assertEquals(512, read.count());
        assertArrayEquals(all, FileCommandsFixture.bytes(read));
        assertArrayEquals(all, Files.readAllBytes(file));
    }

    /** The engine's lent array is longer than the bytes and may hold an earlier request's: only the bytes count. */
    @Test
    void bytesInALentArrayAreWrittenFromTheirStartAndNoFurther() throws Exception {
        byte[] lent = new byte[100];
        java.util.Arrays.fill(lent, (byte) 'x');
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(data, 0, lent, 20, data.length);
        java.nio.ByteBuffer decoded = java.nio.ByteBuffer.wrap(lent, 20, data.length);
        Path file = dir.resolve("lent");
        long handle = agent.open(file, "w");
        assertEquals(10, agent.writeLent(handle, decoded, null).count());
        assertEquals(4, agent.writeLent(handle, decoded, 4L).count());
        assertError("value '11' is invalid for argument count", () -> agent.writeLent(handle, decoded, 11L));
        assertArrayEquals("01234567890123".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(file));
    }

    @Test
    void fileLargerThanOneReadComesInDefaultChunks() throws Exception {
        byte[] content = new byte[10_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("big"), content);
        long handle = agent.open(file, "r");
        GuestFileRead.Result first = agent.read(handle, null);
        GuestFileRead.Result second = agent.read(handle, null);
        GuestFileRead.Result third = agent.read(handle, null);
        assertEquals(4096, first.count());
        assertEquals(4096, second.count());
        assertEquals(10_000 - 8192, third.count());
        assertFalse(first.eof());
        assertFalse(second.eof());
        assertTrue(third.eof(), "a read that stops short at end of file reports eof");
        byte[] joined = new byte[10_000];
        int at = 0;
        for (GuestFileRead.Result r : new GuestFileRead.Result[] {first, second, third}) {
            byte[] part = FileCommandsFixture.bytes(r);
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        assertArrayEquals(content, joined);
    }

    @Test
    void eofOnlyWhenTheReadHitEndOfFile() throws Exception {
        Path file = Files.writeString(dir.resolve("eleven"), "hello world");
        long handle = agent.open(file, "r");
        assertEquals(new FileCommandsFixture.ReadView(0, "", false), agent.readView(handle, 0L), "count 0 reads nothing");
        assertEquals(new FileCommandsFixture.ReadView(11, "aGVsbG8gd29ybGQ=", false), agent.readView(handle, 11L),
                "exactly the remaining bytes: end of file not reached yet");
        assertEquals(new FileCommandsFixture.ReadView(0, "", true), agent.readView(handle, 11L));
        assertEquals(new FileCommandsFixture.ReadView(0, "", false), agent.readView(handle, 0L));
        assertEquals(new FileCommandsFixture.ReadView(0, "", true), agent.readView(handle, 11L), "eof is not sticky but repeats");
        Files.writeString(file, "hello world!");
        assertEquals(new FileCommandsFixture.ReadView(1, "IQ==", true), agent.readView(handle, 11L), "a grown file reads on");
    }

    @Test
    void countIsLimitedTo48MiB() throws Exception {
        Path file = Files.writeString(dir.resolve("small"), "abc");
        long handle = agent.open(file, "r");
        assertEquals(new FileCommandsFixture.ReadView(3, "YWJj", true), agent.readView(handle, 48L * 1024 * 1024));
        assertError("value '50331649' is invalid for argument count", () -> agent.read(handle, 50331649L));
        assertError("value '-1' is invalid for argument count", () -> agent.read(handle, -1L));
        assertError("value '9223372036854775807' is invalid for argument count",
                () -> agent.read(handle, Long.MAX_VALUE));
    }

    @Test
    void fullSizeReadReturnsAll48MiB() throws Exception {
        byte[] content = new byte[48 * 1024 * 1024];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("max"), content);
        long handle = agent.open(file, "r");
        GuestFileRead.Result read = agent.read(handle, (long) content.length);
        assertEquals(content.length, read.count());
        assertFalse(read.eof());
        assertArrayEquals(content, FileCommandsFixture.bytes(read));
    }

    @Test
    void base64IsDecodedLikeQemuGa() throws Exception {
        Path file = dir.resolve("b64");
        long handle = agent.open(file, "w");
        assertEquals(3, agent.writeB64(handle, "aGVsbG8", null).count(), "the incomplete last group is dropped");
        assertEquals(5, agent.writeB64(handle, "aGVs\nbG8=", null).count(), "newlines are skipped");
        assertEquals(0, agent.writeB64(handle, "", null).count());
        assertError("Base64 data contains invalid characters", () -> agent.writeB64(handle, "aGV*sbG8", null));
        assertError("Base64 data contains invalid characters", () -> agent.writeB64(handle, "aGVs bG8=", null));
        assertError("Base64 data contains invalid characters", () -> agent.writeB64(handle, "aGVs\u0000bG8=", null));
        assertEquals("helhello", Files.readString(file));
    }

    @Test
    void writeCountSelectsAPrefixOfTheDecodedBytes() throws Exception {
        Path file = dir.resolve("prefix");
        long handle = agent.open(file, "w");
        assertEquals(2, agent.writeB64(handle, "aGVsbG8=", 2L).count());
        assertEquals(0, agent.writeB64(handle, "aGVsbG8=", 0L).count());
        assertError("value '6' is invalid for argument count", () -> agent.writeB64(handle, "aGVsbG8=", 6L));
        assertError("value '-1' is invalid for argument count", () -> agent.writeB64(handle, "aGVsbG8=", -1L));
        assertEquals(5, agent.writeB64(handle, "aGVsbG8=", 5L).count());
        assertEquals("hehello", Files.readString(file));
    }

    @Test
    void wrongDirectionIsBadFileDescriptor() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "data");
        long readOnly = agent.open(file, "r");
        assertError("failed to write to file: Bad file descriptor", () -> agent.write(readOnly, new byte[] {1}));
        long writeOnly = agent.open(file, "a");
        assertError("failed to read file: Bad file descriptor", () -> agent.read(writeOnly, null));
    }

    @Test
    void readsAndWritesInterleaveWithoutFlushing() throws Exception {
        Path file = Files.writeString(dir.resolve("rw"), "0123456789");
        long handle = agent.open(file, "r+");
        assertEquals("MDEy", java.util.Base64.getEncoder().encodeToString(agent.readBytes(handle, 3L)));
        agent.write(handle, "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("Njc4OQ==", java.util.Base64.getEncoder().encodeToString(agent.readBytes(handle, 10L)), "6789 after the write, with no flush in between");
        assertEquals("012abc6789", Files.readString(file));
    }

    @Test
    void fifoWithoutWriterReadsAsEndOfFile() throws Exception {
        Path fifo = mkfifo("no-writer");
        long handle = agent.open(fifo, "r");
        assertEquals(new FileCommandsFixture.ReadView(0, "", true), agent.readView(handle, 100L));
    }

    @Test
    void fifoWithSlowWriterReturnsWhatArrivedInsteadOfLosingIt() throws Exception {
        Path fifo = mkfifo("slow-writer");
        long handle = agent.open(fifo, "r");
        try (FileOutputStream writer = new FileOutputStream(fifo.toFile())) {
            assertEquals(new FileCommandsFixture.ReadView(0, "", false), agent.readView(handle, 100L),
                    "a live writer with nothing written yet: no data, no error, not eof");
            writer.write("hello".getBytes(StandardCharsets.US_ASCII));
            writer.flush();
            assertEquals(new FileCommandsFixture.ReadView(5, "aGVsbG8=", false), agent.readView(handle, 100L),
                    "qemu-ga fails with EAGAIN here and drops the 5 bytes");
            writer.write("!".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(new FileCommandsFixture.ReadView(1, "IQ==", true), agent.readView(handle, 100L));
    }

    @Test
    void fifoWriteWithoutReaderFailsToOpenAndFullPipeWritesPartially() throws Exception {
        Path fifo = mkfifo("pipe");
        assertError("failed to open file '" + fifo + "' (mode: 'a'): No such device or address",
                () -> agent.open(fifo, "a"));
        long reader = agent.open(fifo, "r");
        long writer = agent.open(fifo, "a");
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 'z');
        long written = agent.write(writer, big).count();
        assertTrue(written > 0 && written < big.length, "a full pipe takes part: " + written);
        assertError("failed to write to file: Resource temporarily unavailable", () -> agent.write(writer, big));
        long drained = 0;
        GuestFileRead.Result chunk;
        while ((chunk = agent.read(reader, 1L << 20)).count() > 0) {
            // larger than the pipe holds: the read stops where the pipe ran dry, with what it had
            drained += chunk.count();
            assertFalse(chunk.eof(), "the writer is still open");
        }
        assertEquals(written, drained);
    }

    @Test
    void largeReadsAndWritesSpanManyNativeChunksAndKeepEveryByte() throws Exception {
        // Posix moves large heap buffers through 256 KiB native chunks: sizes that do not divide evenly
        byte[] content = new byte[3 * (1 << 20) + 17];
        new java.util.Random(5).nextBytes(content);
        Path file = dir.resolve("large");
        long handle = agent.open(file, "w+");
        assertEquals(content.length, agent.write(handle, content).count());
        assertArrayEquals(content, Files.readAllBytes(file));
        agent.seek(handle, 0, "\"set\"");
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        GuestFileRead.Result chunk;
        do {
            chunk = agent.read(handle, (256L << 10) + 5);
            back.write(FileCommandsFixture.bytes(chunk));
        } while (!chunk.eof());
        assertArrayEquals(content, back.toByteArray());
    }

    /** From 1 MiB a regular file is read while the reply is sent; the host sees the same counts, bytes and eof. */
    @Test
    void largeReadsOfARegularFileAreReadWhileSentAndKeepEveryByte() throws Exception {
        byte[] content = new byte[6 * (1 << 20) + 12345];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("region"), content);
        long handle = agent.open(file, "r");
        GuestFileRead.Result first = agent.read(handle, 2L << 20);
        assertInstanceOf(FileRegion.class, first.bufB64());
        assertEquals(2 << 20, first.count());
        assertFalse(first.eof(), "exactly as many as asked: the end is not known yet, as with read(2)");
        GuestFileRead.Result second = agent.read(handle, 3L << 20);
        assertInstanceOf(FileRegion.class, second.bufB64());
        GuestFileRead.Result third = agent.read(handle, 2L << 20);
        assertInstanceOf(FileRegion.class, third.bufB64(), "1 MiB and more left");
        assertEquals((1 << 20) + 12345, third.count());
        assertTrue(third.eof());
        GuestFileRead.Result after = agent.read(handle, 2L << 20);
        assertInstanceOf(java.nio.ByteBuffer.class, after.bufB64(), "less than 1 MiB left: read as before");
        assertEquals(1, ((java.nio.ByteBuffer) after.bufB64()).capacity(),
                "into a buffer as large as what is left, and a byte more to find the end");
        assertEquals(0, after.count());
        assertTrue(after.eof());
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        back.write(FileCommandsFixture.bytes(first));
        back.write(FileCommandsFixture.bytes(second));
        back.write(FileCommandsFixture.bytes(third));
        assertArrayEquals(content, back.toByteArray());
        agent.seek(handle, -100, "\"end\"");
        GuestFileRead.Result tail = agent.read(handle, 2L << 20);
        assertEquals(101, ((java.nio.ByteBuffer) tail.bufB64()).capacity());
        assertArrayEquals(Arrays.copyOfRange(content, content.length - 100, content.length),
                FileCommandsFixture.bytes(tail));
        assertTrue(tail.eof());
    }

    /** The kernel's pseudo files say nothing true by their size: read as before, whole. */
    @Test
    void pseudoFilesAreReadWholeWhateverTheirSizeSays() throws Exception {
        byte[] version = Files.readAllBytes(Path.of("/proc/version"));
        assertEquals(0, Files.size(Path.of("/proc/version")), "procfs says 0 bytes");
        long handle = agent.open(Path.of("/proc/version"), "r");
        GuestFileRead.Result read = agent.read(handle, 2L << 20);
        assertInstanceOf(java.nio.ByteBuffer.class, read.bufB64());
        assertArrayEquals(version, FileCommandsFixture.bytes(read));
        assertTrue(read.eof());
        assertFalse(FileRegion.sizeTellsContent(Path.of("/proc/kcore")));
        assertFalse(FileRegion.sizeTellsContent(Path.of("/sys/firmware/acpi/tables/DSDT")));
        assertTrue(FileRegion.sizeTellsContent(Path.of("/process/data")));
        assertTrue(FileRegion.sizeTellsContent(dir.resolve("file")));
    }

    /** A file that grows between taking its size and reading it is read on into a buffer for the whole count. */
    @Test
    void aFileThatGrowsWhileBeingReadIsReadOnToTheCount() throws Exception {
        Path file = Files.writeString(dir.resolve("growing"), "0123456789");
        long handle = agent.open(file, "r");
        org.jqga.api.CommandContext appendingFirst = new org.jqga.api.CommandContext() {
            private boolean appended;

            @Override
            public java.nio.ByteBuffer lendBuffer(int capacity) {
                if (!appended) {
                    appended = true;
                    assertEquals(11, capacity, "as much as the file had, and a byte");
                    try {
                        Files.writeString(file, "abcdefghij", java.nio.file.StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return java.nio.ByteBuffer.allocate(capacity);
            }

            @Override
            public void delimitReply() {
            }
        };
        GuestFileRead.Result read = agent.read(handle, 2L << 20, appendingFirst);
        assertEquals("0123456789abcdefghij", new String(FileCommandsFixture.bytes(read), StandardCharsets.US_ASCII));
        assertEquals(20, read.count());
        assertTrue(read.eof());
    }

    /** The two threads that encode a reply read its pieces at the same time, in either order. */
    @Test
    void aRegionReadsTheSameBytesInAnyOrderFromTwoThreads() throws Exception {
        byte[] content = new byte[4 << 20];
        new Random(8).nextBytes(content);
        Path file = Files.write(dir.resolve("concurrent"), content);
        long handle = agent.open(file, "r");
        FileRegion region = (FileRegion) agent.read(handle, (long) content.length).bufB64();
        int piece = 3 << 16;
        byte[] back = new byte[content.length];
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.List<java.util.concurrent.Future<?>> pieces = new java.util.ArrayList<>();
            for (int from = content.length - content.length % piece; from >= 0; from -= piece) {
                int at = from;
                Runnable readPiece = () -> {
                    java.nio.ByteBuffer target = java.nio.ByteBuffer.allocateDirect(piece);
                    region.read(at, target.limit(Math.min(piece, content.length - at)));
                    target.flip().get(back, at, target.remaining());
                };
                if (at / piece % 2 == 0) {
                    pieces.add(other.submit(readPiece));
                } else {
                    readPiece.run();
                }
            }
            for (java.util.concurrent.Future<?> done : pieces) {
                done.get();
            }
        } finally {
            other.shutdown();
        }
        assertArrayEquals(content, back);
    }

    /**
     * The reply states the count before its bytes: a file that shrinks before they have been read, or a handle closed
     * meanwhile, still gets that many bytes, the lost ones as zeros, never a cut-off reply; the next read is at end
     * of file, since the count was taken.
     */
    @Test
    void bytesAFileLostWhileTheyWereBeingSentAreSentAsZeros() throws Exception {
        byte[] content = new byte[2 << 20];
        Arrays.fill(content, (byte) 7);
        Path file = Files.write(dir.resolve("shrinking"), content);
        long handle = agent.open(file, "r");
        GuestFileRead.Result read = agent.read(handle, 2L << 20);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(1 << 20);
        }
        java.nio.ByteBuffer lost = java.nio.ByteBuffer.allocateDirect(4096);
        ((FileRegion) read.bufB64()).read(1 << 20, lost);
        assertEquals(0, lost.position(), "bytes the file no longer has are left for the engine to send as zeros");
        byte[] sent = FileCommandsFixture.bytes(read);
        assertEquals(2 << 20, read.count());
        assertEquals(2 << 20, sent.length);
        assertArrayEquals(Arrays.copyOf(content, 1 << 20), Arrays.copyOf(sent, 1 << 20));
        assertArrayEquals(new byte[1 << 20], Arrays.copyOfRange(sent, 1 << 20, 2 << 20));
        GuestFileRead.Result after = agent.read(handle, null);
        assertEquals(0, after.count());
        assertTrue(after.eof());

        Files.write(file, content);
        long other = agent.open(file, "r");
        GuestFileRead.Result unsent = agent.read(other, 2L << 20);
        agent.close(other);
        ((FileRegion) unsent.bufB64()).read(0, lost.clear());
        assertEquals(0, lost.position(), "a closed handle is not read");
        assertArrayEquals(new byte[2 << 20], FileCommandsFixture.bytes(unsent), "closed before its bytes were read");
    }

    /** Write-only handles, FIFOs and files with too few bytes left are read as before, with the same errors. */
    @Test
    void largeReadsThatCannotBeReadWhileSentAreReadAsBefore() throws Exception {
        Path file = Files.write(dir.resolve("writeonly"), new byte[3 << 20]);
        long writeOnly = agent.open(file, "a");
        assertError("failed to read file: Bad file descriptor", () -> agent.read(writeOnly, 2L << 20));
        Path fifo = mkfifo("big-fifo");
        long fromFifo = agent.open(fifo, "r");
        GuestFileRead.Result empty = agent.read(fromFifo, 2L << 20);
        assertInstanceOf(java.nio.ByteBuffer.class, empty.bufB64());
        assertTrue(empty.eof());
    }

    private Path mkfifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process process = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, process.waitFor());
        return fifo;
    }
}
