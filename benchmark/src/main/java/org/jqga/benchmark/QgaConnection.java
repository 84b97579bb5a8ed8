package org.jqga.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** A host-side client on an agent's unix socket: writes requests, reads newline-terminated replies. */
final class QgaConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteBuffer input = ByteBuffer.allocate(1 << 18).flip();
    private final ByteBuffer bulk = ByteBuffer.allocateDirect(1 << 20);
    private byte[] line = new byte[1 << 12];

    private QgaConnection(SocketChannel channel) {
        this.channel = channel;
    }

    static QgaConnection connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new QgaConnection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** null while nobody listens yet (no socket file, or the file exists but accept is not set up). */
    static QgaConnection tryConnect(Path socket) throws IOException {
        try {
            return connect(socket);
        } catch (ConnectException | NoSuchFileException e) {
            return null;
        } catch (SocketException e) {
            // "No such file or directory" comes as a plain SocketException on some JDKs
            return null;
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    String request(String json) throws IOException {
        send(json);
        return readLine();
    }

    /** The next reply without its newline. */
    String readLine() throws IOException {
        int length = readLineBytes();
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * The reply to the one request outstanding, with all but its first and last {@code ends} bytes left out: enough
     * for the members around a guest-file-read's data. With one request outstanding its reply is all there is to
     * read, and a reply holds no newline but its last byte (both agents escape control characters), so only the ends
     * of what arrives are looked at, in a native buffer the bytes are never copied out of: a client that copied and
     * scanned 5.6 MB per reply measured itself as much as the agent.
     */
    String readLineEnds(int ends) throws IOException {
        if (input.hasRemaining()) {
            return abbreviated(readLineBytes(), ends);
        }
        byte[] head = new byte[ends];
        byte[] tail = new byte[ends];
        int headLength = 0;
        int tailLength = 0;
        long total = 0;
        while (true) {
            bulk.clear();
            int read = channel.read(bulk);
            if (read < 0) {
                throw new EOFException("the agent closed the connection");
            }
            bulk.flip();
            if (headLength < ends) {
                int n = Math.min(ends - headLength, read);
                bulk.get(0, head, headLength, n);
                headLength += n;
            }
            int keep = Math.min(read, ends);
            int kept = Math.min(tailLength, ends - keep);
            System.arraycopy(tail, tailLength - kept, tail, 0, kept);
            bulk.get(read - keep, tail, kept, keep);
            tailLength = kept + keep;
            total += read;
            if (read > 0 && tail[tailLength - 1] == '\n') {
                break;
            }
        }
        if (total - 1 <= 2L * ends) {
            // short: whole, from the two ends (they overlap)
            byte[] whole = new byte[(int) total - 1];
            System.arraycopy(head, 0, whole, 0, Math.min(headLength, whole.length));
            int fromTail = whole.length - headLength;
            if (fromTail > 0) {
                System.arraycopy(tail, tailLength - 1 - fromTail, whole, headLength, fromTail);
            }
            return new String(whole, StandardCharsets.UTF_8);
        }
        return new String(head, 0, headLength, StandardCharsets.UTF_8) + "..."
                + new String(tail, 0, tailLength - 1, StandardCharsets.UTF_8);
    }

    private String abbreviated(int length, int ends) {
        if (length <= 2 * ends) {
            return new String(line, 0, length, StandardCharsets.UTF_8);
        }
        return new String(line, 0, ends, StandardCharsets.UTF_8) + "..."
                + new String(line, length - ends, ends, StandardCharsets.UTF_8);
    }

    /** Reads the next reply into {@link #line}, scanning and copying in runs; returns its length. */
    private int readLineBytes() throws IOException {
        int length = 0;
        while (true) {
            byte[] buffer = input.array();
            int from = input.position();
            int end = from;
            while (end < input.limit() && buffer[end] != '\n') {
                end++;
            }
            int run = end - from;
            if (length + run > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + run));
            }
            System.arraycopy(buffer, from, line, length, run);
            length += run;
            if (end < input.limit()) {
                input.position(end + 1);
                return length;
            }
            input.clear();
            int read = channel.read(input);
            input.flip();
            if (read < 0) {
                throw new EOFException("the agent closed the connection");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
