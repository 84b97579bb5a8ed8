package org.jqga.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run for the class-data archive (bin/jqga with JQGA_CDS_TRAIN=1 sets -Djqga.cdsTraining=true and
 * -XX:ArchiveClassesAtExit). Once the framework is up it plays a host on the agent's own unix socket, sending the
 * requests a host sends first, then stops the framework, so that the JVM exits normally and archives every class a
 * start and those requests loaded (JDK 17 archives classes of the bundle class loaders too).
 */
final class CdsTraining {

    static final String PROPERTY = "jqga.cdsTraining";
    private static final Logger LOG = LoggerFactory.getLogger(CdsTraining.class);
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(60);

    /**
     * The bundles' class loaders, kept past the framework's stop: the JVM archives at exit only the classes still
     * loaded, and a loader nobody references any more may be collected first, taking its classes along (whether
     * SCR's 140 classes made it into the archive was a race with the end of SCR's own thread).
     */
    private static final List<ClassLoader> KEPT_LOADERS = new ArrayList<>();

    private final CountDownLatch frameworkStarted = new CountDownLatch(1);

    private CdsTraining() {
    }

    /** Only when serving: -b help / -a help start the framework too, without any channel. */
    static boolean requested(Map<String, Object> properties) {
        return Boolean.getBoolean(PROPERTY) && FrameworkProperties.MODE_SERVE.equals(properties.get("org.jqga.mode"));
    }

    /**
     * Runs the training on its own thread, from before the framework starts: like a host it connects as soon as the
     * channel opens, during the second start level, and sends the rest of its requests once every level is through
     * ({@link #frameworkStarted()}). The framework is stopped at its end, whatever happened.
     */
    static CdsTraining begin(FelixRunner runner, Map<String, Object> properties) {
        CdsTraining training = new CdsTraining();
        Thread thread = new Thread(() -> {
            try {
                training.train(runner, properties);
            } catch (IOException | RuntimeException e) {
                LOG.warn("class-data training incomplete: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                keepClassLoaders(runner);
                if (!runner.stop(Launcher.STOP_TIMEOUT)) {
                    Runtime.getRuntime().halt(1);
                }
            }
        }, "jqga-cds-training");
        thread.setDaemon(true);
        thread.start();
        return training;
    }

    /** Every start level is through and every bundle active. */
    void frameworkStarted() {
        frameworkStarted.countDown();
    }

    /**
     * Before a dynamic dump JDK 17 links the classes of its own class loaders only; a bundle's class that was loaded
     * but not yet linked (an exception type the verifier looked at, an interface nothing has called yet) is left out
     * of the archive, and every start reads, parses and defines it from its jar again: 295 classes, some 50 of them
     * before the first answer. Linking those that the start and its first answer loaded leaves 8 (the top layer grows
     * by 0.6 MB); linking all, after the second start level and the training's other requests, would add 2.5 MB of
     * Jackson's deserializers and annotations to an archive the JVM relocates page by page at every start. Which
     * classes a loader has loaded only the loader can tell ({@code findLoadedClass}, which bin/jqga opens to this run).
     */
    private static void linkLoadedClasses(FelixRunner runner) {
        MethodHandle findLoadedClass;
        try {
            findLoadedClass = MethodHandles.privateLookupIn(ClassLoader.class, MethodHandles.lookup()).findVirtual(
                    ClassLoader.class, "findLoadedClass", MethodType.methodType(Class.class, String.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the run that lists classes for the base layer, whose java.lang bin/jqga does not open
            LOG.debug("class-data training: the bundles' classes are not linked ({})", e.toString());
            return;
        }
        int linked = 0;
        for (Bundle bundle : runner.context().getBundles()) {
            BundleWiring wiring = bundle.getBundleId() == 0 ? null : bundle.adapt(BundleWiring.class);
            ClassLoader loader = wiring != null ? wiring.getClassLoader() : null;
            if (loader == null) {
                continue;
            }
            for (String resource : wiring.listResources("/", "*.class",
                    BundleWiring.LISTRESOURCES_RECURSE | BundleWiring.LISTRESOURCES_LOCAL)) {
                String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
                if (link(findLoadedClass, loader, name)) {
                    linked++;
                }
            }
        }
        LOG.debug("class-data training: {} classes of the bundles linked", linked);
    }

    private static boolean link(MethodHandle findLoadedClass, ClassLoader loader, String name) {
        try {
            Class<?> loaded = (Class<?>) findLoadedClass.invokeExact(loader, name);
            if (loaded == null) {
                return false;
            }
            loaded.getDeclaredConstructors(); // HotSpot links a class before it lists its members
            return true;
        } catch (LinkageError e) {
            LOG.debug("class-data training: {} stays out of the archive: {}", name, e.toString());
            return false;
        } catch (Throwable e) {
            throw new IllegalStateException("findLoadedClass failed", e);
        }
    }

    private static void keepClassLoaders(FelixRunner runner) {
        for (Bundle bundle : runner.context().getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            ClassLoader loader = wiring != null ? wiring.getClassLoader() : null;
            if (loader != null) {
                KEPT_LOADERS.add(loader);
            }
        }
    }

    private void train(FelixRunner runner, Map<String, Object> properties) throws IOException, InterruptedException {
        if (!AgentConfig.UNIX_LISTEN.equals(properties.get("org.jqga.method"))) {
            throw new IOException("the training needs -m unix-listen");
        }
        Path socket = Path.of(String.valueOf(properties.get("org.jqga.path")));
        Path scratch = Path.of(String.valueOf(properties.get("org.jqga.statedir")), "cds-training.tmp");
        try (SocketChannel channel = connect(socket)) {
            for (String request : FIRST_REQUESTS) {
                exchange(channel, request);
            }
            linkLoadedClasses(runner);
            frameworkStarted.await();
            for (String request : REQUESTS) {
                exchange(channel, request);
            }
            String file = scratch.toString().replace("\\", "\\\\").replace("\"", "\\\"");
            String opened = exchange(channel,
                    "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"" + file + "\",\"mode\":\"w+\"}}");
            String handle = opened.replaceAll("[^0-9]", "");
            if (!handle.isEmpty()) {
                exchange(channel, "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":" + handle
                        + ",\"buf-b64\":\"aGVsbG8=\"}}");
                exchange(channel, "{\"execute\":\"guest-file-seek\",\"arguments\":{\"handle\":" + handle
                        + ",\"offset\":0,\"whence\":\"set\"}}");
                exchange(channel, "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle
                        + ",\"count\":8}}");
                exchange(channel, "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        LOG.info("class-data training done");
    }

    /**
     * What the benchmark, Proxmox and a host checking that the agent is up send first; the classes a start and this
     * answer load are linked for the archive ({@link #linkLoadedClasses}).
     */
    private static final List<String> FIRST_REQUESTS = List.of(
            "{\"execute\":\"guest-ping\"}");

    /** What hosts send then and most (KubeVirt polls info, osinfo, host name, users...), plus error paths. */
    private static final List<String> REQUESTS = List.of(
            "{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":1}}",
            "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":2}}",
            "{\"execute\":\"guest-ping\",\"id\":\"x\"}",
            "{\"execute\":\"guest-info\"}",
            "{\"execute\":\"guest-get-osinfo\"}",
            "{\"execute\":\"guest-get-host-name\"}",
            "{\"execute\":\"guest-get-timezone\"}",
            "{\"execute\":\"guest-get-time\"}",
            "{\"execute\":\"guest-get-users\"}",
            "{\"execute\":\"guest-get-vcpus\"}",
            "{\"execute\":\"guest-get-load\"}",
            "{\"execute\":\"guest-fsfreeze-status\"}",
            "{\"execute\":\"no-such-command\"}",
            "{\"execute\":\"guest-ping\",\"arguments\":[]}");

    private static String exchange(SocketChannel channel, String request) throws IOException {
        send(channel, request);
        String reply = readLine(channel);
        LOG.debug("training: {} -> {}", request, reply.length() > 120 ? reply.substring(0, 120) : reply);
        return reply;
    }

    private static SocketChannel connect(Path socket) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CONNECT_DEADLINE.toNanos();
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel;
            } catch (IOException e) {
                channel.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private static void send(SocketChannel channel, String request) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String readLine(SocketChannel channel) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("the agent closed the connection");
            }
            byte b = one.get(0);
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }
}
