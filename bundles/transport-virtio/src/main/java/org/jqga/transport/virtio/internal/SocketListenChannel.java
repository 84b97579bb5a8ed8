package org.jqga.transport.virtio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket opened through junixsocket: vsock-listen, or the socket systemd passed (socket
 * activation). Serves one client at a time like {@link UnixListenChannel}: each client gets a fresh
 * session, and a client's read or write error (ECONNRESET, EPIPE) only drops that client.
 *
 * <p>accept and read wait at most {@link #POLL_INTERVAL} and then look whether the channel was closed:
 * closing a listening vsock socket from another thread does not wake a blocked accept (the kernel
 * refuses shutdown on an unconnected vsock socket), so close alone could not end {@link #serve}.
 */
final class SocketListenChannel implements Channel {

    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(SocketListenChannel.class);
    private static final int READ_CHUNK = 64 * 1024;

    /** Opens (or adopts) the listening socket; called again by the supervisor after a failure. */
    @FunctionalInterface
    interface Listener {
        ServerSocket open() throws IOException;
    }

    private final String description;
    private final Listener listener;
    private final ProtocolEngine engine;
    private final OpenHandles handles = new OpenHandles();

    /** @param description what the log calls the socket, e.g. "vsock 4294967295:1234" */
    SocketListenChannel(String description, Listener listener, ProtocolEngine engine) {
        this.description = description;
        this.listener = listener;
        this.engine = engine;
    }

    @Override
    public void serve() throws IOException {
        if (handles.isClosed()) {
            return;
        }
        ServerSocket server;
        try {
            server = handles.add(listener.open());
            server.setSoTimeout((int) POLL_INTERVAL.toMillis());
        } catch (IOException e) {
            if (handles.isClosed()) {
                return;
            }
            throw new IOException("cannot listen on " + description + ": " + e, e);
        }
        try {
            LOG.info("listening on {}", description);
            byte[] buffer = new byte[READ_CHUNK];
            while (!handles.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                serveClient(handles.add(client), buffer);
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

    @Override
    public void close() {
        handles.closeAll();
    }

    private void serveClient(Socket client, byte[] buffer) {
        LOG.debug("client connected on {}", description);
        try {
            client.setSoTimeout((int) POLL_INTERVAL.toMillis());
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            ProtocolSession session = engine.openSession(reply -> write(out, reply));
            while (!handles.isClosed()) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    LOG.debug("client on {} closed the connection", description);
                    return;
                }
                session.receive(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException e) {
            if (!handles.isClosed()) {
                LOG.info("dropping client on {}: {}", description, e.toString());
            }
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("protocol engine failed; dropping client on {}", description, e);
        } finally {
            handles.release(client);
        }
    }

    private static void write(OutputStream out, ByteBuffer reply) throws IOException {
        if (reply.hasArray()) {
            out.write(reply.array(), reply.arrayOffset() + reply.position(), reply.remaining());
            reply.position(reply.limit());
        } else {
            byte[] bytes = new byte[reply.remaining()];
            reply.get(bytes);
            out.write(bytes);
        }
        out.flush();
    }
}
