package org.jqga.api.transport;

/** The protocol engine, a service: one session per host client (or per channel for virtio-serial). */
public interface ProtocolEngine {

    /** A session with a fresh JSON parser; its replies go to {@code sink}. */
    ProtocolSession openSession(ReplySink sink);
}
