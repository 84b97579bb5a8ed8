package org.jqga.transport.virtio.internal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtio-serial port: a character device opened once, read-write. It has no connection concept:
 * while no host client is attached a read returns EOF at once, which only means "nothing yet", so
 * the loop sleeps 100 ms and reads again with the port kept open (as qemu-ga). One session serves
 * every host client, since the guest cannot see them come and go.
 *
 * <p>A read or write error on the open port is thrown to the {@link ChannelSupervisor}: with
 * retry-path it closes and re-opens the port after 5 s, without it the agent stops (qemu-ga exits
 * too, and the service manager restarts it). Idling on without a channel would leave the host with
 * a silent agent, the worst outcome.
 */
final class VirtioSerialChannel implements Channel {

    static final Duration NO_HOST_POLL_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(VirtioSerialChannel.class);
    private static final int READ_CHUNK = 64 * 1024;

    private final Path device;
    private final ProtocolEngine engine;
    private final OpenHandles handles = new OpenHandles();
    private volatile long noHostPolls;

    VirtioSerialChannel(Path device, ProtocolEngine engine) {
        this.device = device;
        this.engine = engine;
    }

    @Override
    public void serve() throws IOException {
        FileChannel port = handles.add(open());
        try {
            LOG.info("serving on virtio-serial port {}", device);
            ProtocolSession session = engine.openSession(new ChannelSink(port));
            ByteBuffer buffer = ByteBuffer.allocateDirect(READ_CHUNK);
            while (true) {
                buffer.clear();
                if (port.read(buffer) < 0) {
                    noHostPolls++;
                    if (handles.awaitClosed(NO_HOST_POLL_INTERVAL)) {
                        return;
                    }
                    continue;
                }
                buffer.flip();
                receive(session, buffer);
            }
        } catch (IOException e) {
            if (handles.isClosed()) {
                return;
            }
            throw new IOException("I/O error on the open port: " + e, e);
        } finally {
            handles.release(port);
        }
    }

    @Override
    public void close() {
        handles.closeAll();
    }

    /** How often a read found no host attached; lets tests see the polling. */
    long noHostPolls() {
        return noHostPolls;
    }

    private FileChannel open() throws IOException {
        try {
            // not RandomAccessFile: its "rw" mode would create a plain file where the device is missing
            return FileChannel.open(device, READ, WRITE);
        } catch (NoSuchFileException e) {
            throw new IOException("the port does not exist"
                    + " (does the VM have a virtserialport named org.qemu.guest_agent.0?)", e);
        }
    }

    /** An engine bug must not end the one channel the host has: drop the partial input instead. */
    private static void receive(ProtocolSession session, ByteBuffer input) throws IOException {
        try {
            session.receive(input);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("protocol engine failed; dropping buffered input", e);
            session.reset();
        }
    }
}
