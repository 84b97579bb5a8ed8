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
 * Turns the audit on when framework property {@value #LOG_PROPERTY} names a file, or says {@code syslog} or
 * {@code syslog:FACILITY} (default facility auth): then the records go to the local syslog socket,
 * {@value AuditSyslog#DEFAULT_SOCKET} or framework property {@value #SYSLOG_SOCKET_PROPERTY}. Off by default: an audit file
 * grows with every request and the statedir of a small guest is often a small tmpfs, so where it goes is the
 * administrator's choice (suggested: /var/log/jqga/audit.jsonl, rotated by logrotate). Only when on is a
 * {@link RequestObserver} registered, so an agent without audit pays nothing per request.
 */
@Component(immediate = true, service = {})
public final class AuditTrail {

    static final String LOG_PROPERTY = "org.jqga.auditLog";
    static final String QUEUE_PROPERTY = "org.jqga.auditQueue";
    static final String SYSLOG_SOCKET_PROPERTY = "org.jqga.auditSyslogSocket";
    static final String SYSLOG = "syslog";
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
        AuditSink sink = sink(target.trim(), context.getProperty(SYSLOG_SOCKET_PROPERTY));
        if (sink == null) {
            LOG.error("{}={}: unknown syslog facility (known: auth, authpriv, daemon, user, local0..local7); audit off",
                    LOG_PROPERTY, target.trim());
            queue = null;
            registration = null;
            return;
        }
        queue = new AuditQueue(queueSize(context.getProperty(QUEUE_PROPERTY)), sink, Clock.systemUTC());
        registration = context.registerService(RequestObserver.class, queue, null);
        LOG.info("audit trail written to {}", target.trim());
    }

    /** The sink {@code target} names: syslog[:FACILITY], else a file; null for an unknown facility. */
    static AuditSink sink(String target, String syslogSocket) {
        if (!target.equals(SYSLOG) && !target.startsWith(SYSLOG + ":")) {
            return new AuditFile(Path.of(target));
        }
        String facilityName = target.equals(SYSLOG) ? "auth" : target.substring(SYSLOG.length() + 1);
        SyslogFacility facility = SyslogFacility.named(facilityName);
        if (facility == null) {
            return null;
        }
        String socket = syslogSocket == null || syslogSocket.isBlank() ? AuditSyslog.DEFAULT_SOCKET : syslogSocket.trim();
        return new AuditSyslog(socket, facility, Clock.systemDefaultZone());
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
