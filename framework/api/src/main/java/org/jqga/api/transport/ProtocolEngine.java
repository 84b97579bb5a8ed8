package org.jqga.api.transport;

/**
 * The protocol engine, a service: one session per client (or per channel for virtio-serial). Implemented by the
 * engine only; transports consume it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ProtocolEngine {

    /** A host session with a fresh JSON parser; its replies go to {@code sink}. */
    default ProtocolSession openSession(ReplySink sink) {
        return openSession(sink, SessionOrigin.HOST);
    }

    /**
     * A session with a fresh JSON parser for a client of the given origin; its replies go to {@code sink}. Only
     * a transport that has verified its peer may pass {@link SessionOrigin#LOCAL_ADMIN}.
     */
    ProtocolSession openSession(ReplySink sink, SessionOrigin origin);
}
