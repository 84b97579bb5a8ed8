package org.jqga.transport.virtio.internal;

import java.nio.file.Path;
import org.jqga.api.transport.ProtocolEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the one channel the agent was configured with (org.jqga.method / org.jqga.path) while the
 * protocol engine is available. Deactivation closes the channel and waits for its thread, so that
 * a bundle update swaps the transport cleanly and a unix socket path can be bound again at once.
 * A configuration the agent cannot serve stops the agent: the launcher turns the system bundle's
 * stop into exit status 1.
 */
@Component(immediate = true)
public final class ChannelService {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);

    /** null when no channel runs (list-commands mode, or a configuration error stopped the agent). */
    private final RunningChannel running;

    @Activate
    public ChannelService(@Reference ProtocolEngine engine, BundleContext context) {
        this.running = start(engine, context);
    }

    @Deactivate
    void deactivate() {
        if (running != null) {
            running.stop();
        }
    }

    private static RunningChannel start(ProtocolEngine engine, BundleContext context) {
        Runnable stopAgent = () -> stopAgent(context);
        try {
            ChannelSettings settings = ChannelSettings.from(context::getProperty);
            if (settings.listCommandsOnly()) {
                return null;
            }
            Channel channel = create(settings, engine);
            String description = settings.method() + " channel " + settings.path();
            ChannelSupervisor supervisor = new ChannelSupervisor(channel, description, settings.retryPath(),
                    ChannelSupervisor.QEMU_GA_RETRY_INTERVAL, stopAgent);
            return RunningChannel.start(supervisor, new ChannelTransport(settings.method(), settings.path()), context);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; stopping the agent", e.getMessage());
            stopAgent.run();
            return null;
        }
    }

    private static Channel create(ChannelSettings settings, ProtocolEngine engine) {
        Path path = Path.of(settings.path());
        return switch (settings.method()) {
            case ChannelSettings.VIRTIO_SERIAL -> new VirtioSerialChannel(path, engine);
            case ChannelSettings.ISA_SERIAL -> new IsaSerialChannel(path, engine);
            case ChannelSettings.UNIX_LISTEN -> new UnixListenChannel(path, engine);
            case ChannelSettings.VSOCK_LISTEN -> {
                VsockAddress.parse(settings.path());
                throw new IllegalArgumentException("vsock-listen is not supported by this jqga version yet");
            }
            default -> throw new IllegalArgumentException("unknown channel method " + settings.method());
        };
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
