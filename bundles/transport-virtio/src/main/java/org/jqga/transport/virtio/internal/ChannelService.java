package org.jqga.transport.virtio.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jqga.api.transport.ProtocolEngine;
import org.jqga.transport.virtio.internal.vsock.VsockServerSocket;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the one channel the agent was configured with while the protocol engine is available.
 *
 * <p>Where the settings come from, first match wins: a socket systemd passed (socket activation: the
 * socket's family decides the method, -m/-p are ignored, as in qemu-ga); the launcher's agent
 * settings, a {@code java.util.Map} service with {@code org.jqga.settings=agent} whose properties the
 * launcher replaces when it re-reads the configuration on SIGHUP; the framework properties
 * org.jqga.method / org.jqga.path / org.jqga.retryPath.
 *
 * <p>A change of those settings swaps the channel: the old one is closed and its thread awaited, then
 * the new one opens. Nothing else restarts, so open file handles, exec processes and the policy of the
 * other bundles are kept. A reloaded setting that cannot be served keeps the running channel.
 *
 * <p>Deactivation closes the channel and waits for its thread, so that a bundle update swaps the
 * transport cleanly and a unix socket path can be bound again at once. A configuration the agent
 * cannot serve at start stops the agent: the launcher turns the system bundle's stop into exit status 1.
 */
@Component(immediate = true)
public final class ChannelService {

    static final String SETTINGS_FILTER = "(org.jqga.settings=agent)";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);

    private final ProtocolEngine engine;
    private final BundleContext context;
    private final SocketActivation activation;
    private final Object lock = new Object();

    /** What the running channel serves; null when none runs. Guarded by lock. */
    private ChannelSettings current;
    /** Guarded by lock. */
    private RunningChannel running;
    /** Guarded by lock. */
    private boolean deactivated;

    @Activate
    public ChannelService(@Reference ProtocolEngine engine, BundleContext context) {
        this(engine, context, SocketActivation.from(System.getenv(), ProcessHandle.current().pid()));
    }

    ChannelService(ProtocolEngine engine, BundleContext context, SocketActivation activation) {
        this.engine = engine;
        this.context = context;
        this.activation = activation;
        synchronized (lock) {
            startFromFrameworkProperties();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            deactivated = true;
            stopRunning();
        }
    }

    /** The launcher published or replaced its settings (at start, and after each reload). */
    @Reference(name = "settings", service = Map.class, target = SETTINGS_FILTER, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, updated = "settingsChanged", unbind = "settingsGone")
    void settingsChanged(ServiceReference<?> settings) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : settings.getPropertyKeys()) {
            properties.put(key, settings.getProperty(key));
        }
        settingsChanged(properties);
    }

    /** The settings as service properties: the service object is the same Map for its whole life. */
    void settingsChanged(Map<String, Object> properties) {
        synchronized (lock) {
            if (deactivated || activation != null) {
                // under socket activation the channel is systemd's socket, whatever the settings say
                return;
            }
            ChannelSettings wanted;
            Channel channel;
            try {
                wanted = ChannelSettings.from(overlay(properties));
                if (wanted.equals(current) || wanted.listCommandsOnly()) {
                    return;
                }
                // creating opens nothing yet, but checks the path (a vsock address must parse)
                channel = create(wanted, engine);
            } catch (IllegalArgumentException e) {
                LOG.error("reloaded channel settings refused, keeping {}: {}", describe(current), e.getMessage());
                return;
            }
            LOG.info("channel settings changed: swapping {} for {}", describe(current), describe(wanted));
            stopRunning();
            start(wanted, channel);
        }
    }

    void settingsGone(ServiceReference<?> settings) {
        // the launcher withdraws its settings only while the framework stops: keep the channel until then
    }

    private void startFromFrameworkProperties() {
        try {
            ChannelSettings settings = ChannelSettings.from(context::getProperty);
            if (settings.listCommandsOnly()) {
                return;
            }
            if (activation != null) {
                startActivated(settings);
            } else {
                start(settings, create(settings, engine));
            }
        } catch (IllegalArgumentException e) {
            LOG.error("{}; stopping the agent", e.getMessage());
            stopAgent(context);
        }
    }

    private void start(ChannelSettings settings, Channel channel) {
        ChannelSupervisor supervisor = new ChannelSupervisor(channel, describe(settings), settings.retryPath(),
                ChannelSupervisor.QEMU_GA_RETRY_INTERVAL, () -> stopAgent(context));
        running = RunningChannel.start(supervisor, new ChannelTransport(settings.method(), settings.path()), context);
        current = settings;
    }

    /** Socket activation: the one socket systemd passed, whatever -m and -p say. */
    private void startActivated(ChannelSettings configured) {
        activation.requireSingleSocket();
        InheritedSocket inherited;
        try {
            inherited = InheritedSocket.adopt(SocketActivation.FIRST_FD);
        } catch (IOException e) {
            throw new IllegalArgumentException("socket activation: " + e.getMessage(), e);
        }
        LOG.info("socket activation: serving the {} socket systemd passed ({}); -m/-p are ignored",
                inherited.method(), inherited.address());
        String description = inherited.method() + " channel " + inherited.address() + " (from systemd)";
        Channel channel = new SocketListenChannel(description, inherited::socket, engine);
        // the inherited socket cannot be re-opened: a failure stops the agent and systemd restarts it
        ChannelSupervisor supervisor = new ChannelSupervisor(channel, description, false,
                ChannelSupervisor.QEMU_GA_RETRY_INTERVAL, () -> stopAgent(context));
        running = RunningChannel.start(supervisor, new ChannelTransport(inherited.method(), inherited.address()),
                context);
        current = new ChannelSettings(inherited.method(), inherited.address(), false, configured.listCommandsOnly());
    }

    private void stopRunning() {
        if (running != null) {
            running.stop();
            running = null;
            current = null;
        }
    }

    /** The published settings, falling back to the framework properties for keys they lack (org.jqga.mode). */
    private Function<String, String> overlay(Map<String, Object> properties) {
        return key -> {
            Object value = properties.get(key);
            return value != null ? value.toString() : context.getProperty(key);
        };
    }

    private static Channel create(ChannelSettings settings, ProtocolEngine engine) {
        return switch (settings.method()) {
            case ChannelSettings.VIRTIO_SERIAL -> new VirtioSerialChannel(Path.of(settings.path()), engine);
            case ChannelSettings.ISA_SERIAL -> new IsaSerialChannel(Path.of(settings.path()), engine);
            case ChannelSettings.UNIX_LISTEN -> new UnixListenChannel(Path.of(settings.path()), engine);
            case ChannelSettings.VSOCK_LISTEN -> {
                VsockAddress address = VsockAddress.parse(settings.path());
                yield new SocketListenChannel("vsock " + address, () -> listen(address), engine);
            }
            default -> throw new IllegalArgumentException("unknown channel method " + settings.method());
        };
    }

    private static VsockServerSocket listen(VsockAddress address) throws IOException {
        VsockServerSocket socket = VsockServerSocket.open();
        try {
            // backlog 1, as qemu-ga
            socket.bind(address.toSocketAddress(), 1);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static String describe(ChannelSettings settings) {
        return settings == null ? "no channel" : settings.method() + " channel " + settings.path();
    }

    /** Asynchronous in Felix: the framework stops on its own thread, deactivating this component. */
    private static void stopAgent(BundleContext context) {
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("cannot stop the agent", e);
        }
    }
}
