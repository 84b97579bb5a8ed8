package org.jqga.transport.virtio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jqga.api.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component outside OSGi, with a BundleContext stand-in that records what the component did with it. */
class ChannelServiceTest {

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>();
    private final AtomicInteger agentStops = new AtomicInteger();
    private Transport registered;
    private Dictionary<String, ?> registeredProperties;
    private boolean unregistered;

    @Test
    void servesTheConfiguredUnixSocketAndCleansUpOnDeactivate() throws Exception {
        Path socket = dir.resolve("qga.sock");
        properties.put("org.jqga.method", "unix-listen");
        properties.put("org.jqga.path", socket.toString());
        ChannelService service = new ChannelService(new LineEchoEngine(), context());

        assertEquals("unix-listen", registered.method());
        assertEquals(socket.toString(), registered.path());
        assertEquals("unix-listen", registeredProperties.get("jqga.transport.method"));
        assertTrue(channelThreadRunning());
        try (SocketChannel client = connect(socket)) {
            client.write(ByteBuffer.wrap("guest-ping\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals("session 1: guest-ping", new LineReader(client, "test-reader").next(Duration.ofSeconds(5)));

            service.deactivate();
        }
        assertTrue(unregistered);
        assertFalse(channelThreadRunning(), "deactivate must wait for the channel thread");
        assertFalse(Files.exists(socket));
        assertEquals(0, agentStops.get());
    }

    @Test
    void opensNoChannelWhenOnlyListingCommands() {
        properties.put("org.jqga.method", "unix-listen");
        properties.put("org.jqga.path", dir.resolve("qga.sock").toString());
        properties.put("org.jqga.mode", "list-commands");
        new ChannelService(new LineEchoEngine(), context()).deactivate();
        assertNull(registered);
        assertFalse(Files.exists(dir.resolve("qga.sock")));
        assertEquals(0, agentStops.get());
    }

    @Test
    void listensOnTheConfiguredVsockPortAndReleasesItOnDeactivate() throws Exception {
        int port = 20_000 + new java.util.Random().nextInt(40_000);
        properties.put("org.jqga.method", "vsock-listen");
        properties.put("org.jqga.path", "4294967295:" + port);
        // the probe below finds the port taken by binding it itself for a moment; should the agent's bind fall
        // into that moment, retry-path lets the agent bind again instead of giving up
        properties.put("org.jqga.retryPath", "true");
        ChannelService service = new ChannelService(new LineEchoEngine(), context());
        assertEquals("vsock-listen", registered.method());
        assertEquals("4294967295:" + port, registered.path());
        // the first vsock socket loads junixsocket's native library: give a loaded CI machine time for that
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!VsockProbe.portTaken(port) && agentStops.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, agentStops.get(), "the channel gave up on the vsock port");
        assertTrue(VsockProbe.portTaken(port), "the agent must hold the vsock port");
        service.deactivate();
        assertFalse(VsockProbe.portTaken(port), "deactivate must release the vsock port");
        assertEquals(0, agentStops.get());
    }

    @Test
    void stopsTheAgentForAnInvalidVsockAddress() {
        properties.put("org.jqga.method", "vsock-listen");
        properties.put("org.jqga.path", "3:port");
        new ChannelService(new LineEchoEngine(), context()).deactivate();
        assertNull(registered);
        assertEquals(1, agentStops.get());
    }

    @Test
    void swapsTheChannelWhenTheLauncherPublishesNewSettings() throws Exception {
        Path first = dir.resolve("first.sock");
        Path second = dir.resolve("second.sock");
        properties.put("org.jqga.method", "unix-listen");
        properties.put("org.jqga.path", first.toString());
        ChannelService service = new ChannelService(new LineEchoEngine(), context());
        try {
            assertEquals("session 1: one", ask(first, "one"));
            // the launcher's first publication repeats what the framework properties say: nothing to do
            service.settingsChanged(Map.of("org.jqga.method", "unix-listen", "org.jqga.path", first.toString()));
            assertEquals("session 2: two", ask(first, "two"));

            service.settingsChanged(Map.of("org.jqga.method", "unix-listen", "org.jqga.path", second.toString()));
            assertFalse(Files.exists(first), "the old socket must be gone");
            assertEquals(second.toString(), registered.path());
            assertEquals("session 3: three", ask(second, "three"), "same engine, new channel");
        } finally {
            service.deactivate();
        }
        assertEquals(0, agentStops.get());
    }

    @Test
    void keepsTheRunningChannelWhenReloadedSettingsAreInvalid() throws Exception {
        Path socket = dir.resolve("qga.sock");
        properties.put("org.jqga.method", "unix-listen");
        properties.put("org.jqga.path", socket.toString());
        ChannelService service = new ChannelService(new LineEchoEngine(), context());
        try {
            service.settingsChanged(Map.of("org.jqga.method", "carrier-pigeon", "org.jqga.path", "/x"));
            service.settingsChanged(Map.of("org.jqga.method", "vsock-listen", "org.jqga.path", "nonsense"));
            assertEquals("session 1: still here", ask(socket, "still here"));
        } finally {
            service.deactivate();
        }
        assertEquals(0, agentStops.get());
    }

    @Test
    void refusesMoreThanOneSocketFromSystemd() {
        properties.put("org.jqga.method", "unix-listen");
        properties.put("org.jqga.path", dir.resolve("ignored.sock").toString());
        new ChannelService(new LineEchoEngine(), context(), new SocketActivation(2)).deactivate();
        assertNull(registered);
        assertEquals(1, agentStops.get());
        assertFalse(Files.exists(dir.resolve("ignored.sock")), "-p is ignored under socket activation");
    }

    private static String ask(Path socket, String request) throws Exception {
        try (SocketChannel client = connect(socket)) {
            client.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            return new LineReader(client, "test-reader").next(Duration.ofSeconds(5));
        }
    }

    @Test
    void stopsTheAgentForAListeningMethodWithoutPath() {
        properties.put("org.jqga.method", "unix-listen");
        new ChannelService(new LineEchoEngine(), context()).deactivate();
        assertNull(registered);
        assertEquals(1, agentStops.get());
    }

    @Test
    void stopsTheAgentWhenTheVirtioPortIsMissingWithoutRetryPath() throws Exception {
        properties.put("org.jqga.path", dir.resolve("missing-port").toString());
        ChannelService service = new ChannelService(new LineEchoEngine(), context());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (agentStops.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, agentStops.get());
        assertEquals("virtio-serial", registered.method());
        service.deactivate();
    }

    private static boolean channelThreadRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(RunningChannel.THREAD_NAME) && t.isAlive());
    }

    private static SocketChannel connect(Path socket) throws Exception {
        for (int attempt = 0; ; attempt++) {
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                client.connect(UnixDomainSocketAddress.of(socket));
                return client;
            } catch (java.io.IOException e) {
                client.close();
                if (attempt > 100) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private BundleContext context() {
        Bundle systemBundle = proxy(Bundle.class, (method, args) -> {
            if (method.equals("stop")) {
                agentStops.incrementAndGet();
            }
            return null;
        });
        ServiceRegistration<Transport> registration = proxy(ServiceRegistration.class, (method, args) -> {
            if (method.equals("unregister")) {
                unregistered = true;
            }
            return null;
        });
        return proxy(BundleContext.class, (method, args) -> switch (method) {
            case "getProperty" -> properties.get((String) args[0]);
            case "getBundle" -> systemBundle;
            case "registerService" -> {
                registered = (Transport) args[1];
                registeredProperties = (Dictionary<String, ?>) args[2];
                yield registration;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Call {
        Object handle(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call.handle(method.getName(), args)));
    }
}
