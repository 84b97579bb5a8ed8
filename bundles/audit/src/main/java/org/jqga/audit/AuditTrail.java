package org.jqga.audit;

import java.nio.file.Path;
import java.time.Clock;
import org.jqga.api.FrozenFilesystems;
import org.jqga.api.audit.RequestObserver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the audit on when framework property {@value #LOG_PROPERTY} names a file. Off by default: an audit file
 * grows with every request and the statedir of a small guest is often a small tmpfs, so where it goes is the
 * administrator's choice (suggested: /var/log/jqga/audit.jsonl, rotated by logrotate). Only when on is a
 * {@link RequestObserver} registered, so an agent without audit pays nothing per request.
 */
@Component(immediate = true, service = {})
public final class AuditTrail {

    static final String LOG_PROPERTY = "org.jqga.auditLog";
    static final String QUEUE_PROPERTY = "org.jqga.auditQueue";
    static final int DEFAULT_QUEUE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditQueue queue;
    private final ServiceRegistration<RequestObserver> registration;

    @Activate
    public AuditTrail(BundleContext context) {
        String target = context.getProperty(LOG_PROPERTY);
        if (target == null || target.isBlank()) {
            LOG.debug("audit off ({} not set)", LOG_PROPERTY);
            queue = null;
            registration = null;
            return;
        }
        if (target.trim().equals("syslog")) {
            LOG.warn("{}=syslog is not supported yet; audit off (name a file instead)", LOG_PROPERTY);
            queue = null;
            registration = null;
            return;
        }
        queue = new AuditQueue(queueSize(context.getProperty(QUEUE_PROPERTY)), new AuditFile(Path.of(target.trim())),
                Clock.systemUTC());
        registration = context.registerService(RequestObserver.class, queue, null);
        LOG.info("audit trail written to {}", target.trim());
    }

    private static int queueSize(String property) {
        try {
            return property == null || property.isBlank() ? DEFAULT_QUEUE : Math.max(1, Integer.parseInt(property.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_QUEUE;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void frozen(FrozenFilesystems frozen) {
        if (queue != null) {
            queue.frozen(true);
        }
    }

    void unfrozen(FrozenFilesystems frozen) {
        if (queue != null) {
            queue.frozen(false);
        }
    }

    @Deactivate
    void stop() {
        if (registration != null) {
            registration.unregister();
            queue.close();
        }
    }
}
