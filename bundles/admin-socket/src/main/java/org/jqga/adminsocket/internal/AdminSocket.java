package org.jqga.adminsocket.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.api.transport.ProtocolSession;
import org.jqga.api.transport.SessionOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening admin socket and its clients, each on its own thread (an idle admin must not lock out the next),
 * at most {@value #MAX_CLIENTS} at a time. Only ever a unix socket: the admin interface is never on the network.
 *
 * <p>The directory is created rwx------ if missing; an existing one must already be that strict (an administrator's
 * directory is never chmod-ed behind his back), else there is no admin socket. Whatever is at the socket path goes,
 * as with qemu-ga's unix-listen; the socket is made rw------- right after bind, which is safe since nobody else can
 * enter the directory.
 *
 * <p>Making the directory and the socket writes to the filesystem, which blocks while it is frozen: an agent that
 * starts frozen (it was killed during a freeze) sets the socket up after thaw, and meanwhile the host channel
 * serves as usual.
 */
final class AdminSocket {

    static final int MAX_CLIENTS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(AdminSocket.class);
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");
    private static final int READ_CHUNK = 64 * 1024;
    /** Requests may nest 1024 deep and are handled recursively: the stack the host channel's thread gets too. */
    private static final long CLIENT_STACK_BYTES = 16L << 20;

    private final Path path;
    private final ProtocolEngine engine;
    private final BooleanSupplier frozen;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile ServerSocketChannel server;
    /** Set once listening; null when set-up failed. */
    private volatile PeerCheck peers;
    private volatile boolean closed;

    AdminSocket(Path path, ProtocolEngine engine, BooleanSupplier frozen) {
        this.path = path;
        this.engine = engine;
        this.frozen = frozen;
    }

    /**
     * Sets the socket up and serves it on a thread of its own, so that activation never waits on the filesystem;
     * while filesystems are frozen it waits for thaw first.
     */
    void start() {
        Thread acceptor = new Thread(() -> {
            if (awaitThaw()) {
                setUp();
            }
            settled.countDown();
            if (peers != null) {
                accept(peers);
            }
        }, "jqga-admin-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** False when closed meanwhile. */
    private boolean awaitThaw() {
        if (frozen.getAsBoolean()) {
            LOG.info("filesystems are frozen: the admin socket {} is set up after thaw", path);
        }
        while (frozen.getAsBoolean() && !closed) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return !closed;
    }

    /** For tests: whether the socket was set up (or refused) within the wait. */
    boolean awaitSettled(long millis) throws InterruptedException {
        return settled.await(millis, TimeUnit.MILLISECONDS);
    }

    private void setUp() {
        try {
            server = listen();
            peers = new PeerCheck(path.getFileSystem().getUserPrincipalLookupService(), Files.getOwner(path));
        } catch (IOException e) {
            LOG.error("no admin socket at {}: {}", path, e.getMessage());
            close();
            return;
        }
        if (closed) {
            close(); // closed while binding: close() may have run before the socket existed
            return;
        }
        LOG.info("admin socket listening on {}", path);
    }

    private ServerSocketChannel listen() throws IOException {
        Path directory = path.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            Files.setPosixFilePermissions(directory, DIRECTORY_MODE); // the umask may have narrowed it
        } else if (!Files.getPosixFilePermissions(directory).equals(DIRECTORY_MODE)) {
            throw new IOException("directory " + directory + " must be rwx------ (chmod 700), it is "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
        Files.deleteIfExists(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path), MAX_CLIENTS);
            Files.setPosixFilePermissions(path, SOCKET_MODE);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private void accept(PeerCheck peers) {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("admin socket {} failed, no longer served: {}", path, e.toString());
                }
                return;
            }
            String refusal = peers.refusal(client);
            if (refusal != null || clients.size() >= MAX_CLIENTS) {
                LOG.warn("admin socket: connection refused: {}",
                        refusal != null ? refusal : MAX_CLIENTS + " admin clients already connected");
                closeQuietly(client);
                continue;
            }
            clients.add(client);
            Thread thread = new Thread(null, () -> serve(client), "jqga-admin-client", CLIENT_STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(SocketChannel client) {
        try {
            ProtocolSession session = engine.openSession(reply -> {
                while (reply.hasRemaining()) {
                    client.write(reply);
                }
            }, SessionOrigin.LOCAL_ADMIN);
            ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
            while (client.read(buffer.clear()) >= 0) {
                session.receive(buffer.flip());
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.info("dropping admin client: {}", e.toString());
            }
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("protocol engine failed; dropping admin client", e);
        } finally {
            clients.remove(client);
            closeQuietly(client);
        }
    }

    /** Stops listening, drops every client and removes the socket file. */
    void close() {
        closed = true;
        clients.forEach(AdminSocket::closeQuietly);
        if (server == null) {
            return; // never listened: what is at the path is not ours
        }
        closeQuietly(server);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove admin socket {}: {}", path, e.toString());
        }
    }

    private static void closeQuietly(java.io.Closeable handle) {
        try {
            handle.close();
        } catch (IOException e) {
            // gone either way
        }
    }
}
