package org.jqga.transport.virtio.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening unix socket serving one client at a time; further clients wait in the backlog (1, as
 * qemu-ga). Unlike qemu-ga, each client gets a fresh session (no parser state leaks from one client
 * to the next), and a client's read or write error (ECONNRESET when it left with a reply unread,
 * EPIPE) only drops that client: qemu-ga exits on ECONNRESET.
 */
final class UnixListenChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(UnixListenChannel.class);
    private static final int READ_CHUNK = 64 * 1024;

    private final Path socketPath;
    private final ProtocolEngine engine;
    private final OpenHandles handles = new OpenHandles();

    UnixListenChannel(Path socketPath, ProtocolEngine engine) {
        this.socketPath = socketPath;
        this.engine = engine;
    }

    @Override
    public void serve() throws IOException {
        if (handles.isClosed()) {
            return;
        }
        ServerSocketChannel server;
        try {
            server = listen();
        } catch (IOException e) {
            if (handles.isClosed()) {
                return;
            }
            throw e;
        }
        try {
            LOG.info("listening on unix socket {}", socketPath);
            ByteBuffer buffer = ByteBuffer.allocateDirect(READ_CHUNK);
            while (true) {
                SocketChannel client = handles.add(server.accept());
                serveClient(client, buffer);
            }
        } catch (IOException e) {
            if (handles.isClosed()) {
                return;
            }
            throw e;
        } finally {
            handles.release(server);
        }
    }

    /** Closes the socket and the current client, and removes the socket file (a new instance can bind it). */
    @Override
    public void close() {
        handles.closeAll();
        deleteSocketFile();
    }

    private ServerSocketChannel listen() throws IOException {
        Path directory = socketPath.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new IOException("cannot listen: directory " + directory + " does not exist");
        }
        // as qemu-ga: whatever is at the path (normally a stale socket of an earlier run) goes
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            throw new IOException("cannot remove what is at the socket path: " + e, e);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketPath), 1);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen: " + e, e);
        }
        try {
            return handles.add(server);
        } catch (IOException e) {
            // closed while binding: close() may have run before the file existed
            deleteSocketFile();
            throw e;
        }
    }

    private void serveClient(SocketChannel client, ByteBuffer buffer) {
        LOG.debug("client connected on {}", socketPath);
        try {
            ProtocolSession session = engine.openSession(new ChannelSink(client));
            while (true) {
                buffer.clear();
                if (client.read(buffer) < 0) {
                    // EOF, also after a half-close: every reply was already written by receive()
                    LOG.debug("client on {} closed the connection", socketPath);
                    return;
                }
                buffer.flip();
                session.receive(buffer);
            }
        } catch (IOException e) {
            if (!handles.isClosed()) {
                LOG.info("dropping client on {}: {}", socketPath, e.toString());
            }
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("protocol engine failed; dropping client on {}", socketPath, e);
        } finally {
            handles.release(client);
        }
    }

    private void deleteSocketFile() {
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.warn("cannot remove socket file {}: {}", socketPath, e.toString());
        }
    }
}
