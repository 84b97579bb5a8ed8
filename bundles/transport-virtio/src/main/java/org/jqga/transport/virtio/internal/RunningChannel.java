package org.jqga.transport.virtio.internal;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import org.jqga.api.transport.Transport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A channel on its own thread, with the Transport service that announces it. */
final class RunningChannel {

    static final String THREAD_NAME = "jqga-channel";

    private static final Logger LOG = LoggerFactory.getLogger(RunningChannel.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private static final long CHANNEL_STACK_BYTES = 16L << 20;

    private final ChannelSupervisor supervisor;
    private final Thread thread;
    private final ServiceRegistration<Transport> registration;

    private RunningChannel(ChannelSupervisor supervisor, Thread thread, ServiceRegistration<Transport> registration) {
        this.supervisor = supervisor;
        this.thread = thread;
        this.registration = registration;
    }

    static RunningChannel start(ChannelSupervisor supervisor, ChannelTransport transport, BundleContext context) {
        // requests may nest 1024 deep and are parsed, bound and echoed recursively: give this thread
        // the stack that needs, whatever small -Xss the JVM runs with (reserved, not resident)
        Thread thread = new Thread(null, supervisor, THREAD_NAME, CHANNEL_STACK_BYTES);
        // the framework's lifetime is the agent's; a channel thread stuck in a command must not
        // keep the JVM alive after the framework has stopped
        thread.setDaemon(true);
        thread.start();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("jqga.transport.method", transport.method());
        properties.put("jqga.transport.path", transport.path());
        return new RunningChannel(supervisor, thread, context.registerService(Transport.class, transport, properties));
    }

    /** Unregisters the Transport, closes the channel and waits (bounded) for its thread to end. */
    void stop() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered by the framework because the bundle is stopping
        }
        supervisor.close();
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("channel thread still busy {} s after the channel was closed (a command is still running?)",
                    JOIN_TIMEOUT.toSeconds());
        }
    }
}
