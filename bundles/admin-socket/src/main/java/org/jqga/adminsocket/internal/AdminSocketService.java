package org.jqga.adminsocket.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.transport.ProtocolEngine;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the admin socket while the protocol engine is there. Framework property {@value #SOCKET_PROPERTY} names the
 * socket (--admin-socket, config key admin-socket); absent: {@code <statedir>/jqga-admin/admin.sock}; empty: no admin
 * socket. A socket that cannot be set up is logged and left out: the host channel must not depend on it. While
 * filesystems are frozen (the service, or at start-up qemu-ga's marker in the state directory) it waits for thaw.
 */
@Component(immediate = true, service = {})
public final class AdminSocketService {

    static final String SOCKET_PROPERTY = "org.jqga.adminSocket";
    static final String DEFAULT_DIRECTORY = "jqga-admin";
    static final String DEFAULT_NAME = "admin.sock";

    private static final Logger LOG = LoggerFactory.getLogger(AdminSocketService.class);

    private final AdminSocket socket;

    /** Registered while filesystems are frozen. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FrozenFilesystems frozen;

    @Activate
    public AdminSocketService(@Reference ProtocolEngine engine, BundleContext context) {
        Path path = socketPath(context.getProperty(SOCKET_PROPERTY), statedir(context.getProperty("org.jqga.statedir")));
        if (path == null) {
            LOG.info("admin socket off ({} is empty)", SOCKET_PROPERTY);
            socket = null;
            return;
        }
        Path marker = Path.of(statedir(context.getProperty("org.jqga.statedir")), FrozenFilesystems.MARKER_FILE);
        socket = new AdminSocket(path, engine, () -> frozen != null || Files.exists(marker));
        socket.start();
    }

    /** Null when switched off. */
    static Path socketPath(String property, String statedir) {
        if (property != null) {
            return property.isBlank() ? null : Path.of(property.trim()).toAbsolutePath();
        }
        return Path.of(statedir, DEFAULT_DIRECTORY, DEFAULT_NAME).toAbsolutePath();
    }

    private static String statedir(String property) {
        return property == null || property.isBlank() ? "/var/run" : property.trim();
    }

    @Deactivate
    void stop() {
        if (socket != null) {
            socket.close();
        }
    }
}
