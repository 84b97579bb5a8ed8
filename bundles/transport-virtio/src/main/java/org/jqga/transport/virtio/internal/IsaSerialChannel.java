package org.jqga.transport.virtio.internal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial line (default /dev/ttyS0) in raw mode, 38400 baud, no flow control, no echo, VMIN=1
 * VTIME=0, pending input discarded at open, as qemu-ga sets it up. An EOF (hung-up line) ends the
 * channel and the agent idles without one, as qemu-ga does; a read error (EIO once the other end of
 * a pty is gone) is a failure for the {@link ChannelSupervisor}: retry-path re-opens the line,
 * otherwise the agent stops, again as qemu-ga.
 */
final class IsaSerialChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(IsaSerialChannel.class);
    private static final int READ_CHUNK = 64 * 1024;
    private static final int MAX_DISCARD_READS = 1024;

    /*
     * clocal on top of qemu-ga's settings: Java cannot open with O_NONBLOCK, so without it a blocking
     * open waits for carrier (DCD) on a line that does not report one.
     */
    private static final String[] RAW_LINE = {
        "raw", "-echo", "38400", "-crtscts", "-ixon", "-ixoff", "clocal"};

    private final Path device;
    private final ProtocolEngine engine;
    private final OpenHandles handles = new OpenHandles();

    IsaSerialChannel(Path device, ProtocolEngine engine) {
        this.device = device;
        this.engine = engine;
    }

    @Override
    public void serve() throws IOException {
        // VMIN=0 first, so that pending input can be read away without blocking (tcflush in qemu-ga)
        SerialLineSetup.stty(device, withTiming(0));
        FileChannel tty = handles.add(FileChannel.open(device, READ, WRITE));
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(READ_CHUNK);
            discardPendingInput(tty, buffer);
            SerialLineSetup.stty(device, withTiming(1));
            LOG.info("serving on serial line {}", device);
            ProtocolSession session = engine.openSession(new ChannelSink(tty));
            while (true) {
                buffer.clear();
                if (tty.read(buffer) < 0) {
                    LOG.warn("end of file on serial line {}: channel closed, the agent stays up without a channel"
                            + " (as qemu-ga)", device);
                    return;
                }
                buffer.flip();
                try {
                    session.receive(buffer);
                } catch (RuntimeException e) {
                    LOG.error("protocol engine failed; dropping buffered input", e);
                    session.reset();
                }
            }
        } catch (IOException e) {
            if (handles.isClosed()) {
                return;
            }
            throw new IOException("I/O error on the open line: " + e, e);
        } finally {
            handles.release(tty);
        }
    }

    @Override
    public void close() {
        handles.closeAll();
    }

    private static String[] withTiming(int vmin) {
        String[] settings = Arrays.copyOf(RAW_LINE, RAW_LINE.length + 4);
        settings[RAW_LINE.length] = "min";
        settings[RAW_LINE.length + 1] = Integer.toString(vmin);
        settings[RAW_LINE.length + 2] = "time";
        settings[RAW_LINE.length + 3] = "0";
        return settings;
    }

    private static void discardPendingInput(FileChannel tty, ByteBuffer buffer) throws IOException {
        for (int i = 0; i < MAX_DISCARD_READS; i++) {
            buffer.clear();
            if (tty.read(buffer) <= 0) {
                return;
            }
        }
    }
}
