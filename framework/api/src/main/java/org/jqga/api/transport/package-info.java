/**
 * What a transport bundle compiles against: it moves bytes between a channel (virtio-serial port,
 * serial line, socket) and a {@link org.jqga.api.transport.ProtocolSession} of the engine.
 *
 * <p>1.1.0: {@link org.jqga.api.transport.SessionOrigin} and
 * {@link org.jqga.api.transport.ProtocolEngine#openSession(ReplySink, SessionOrigin)} (the one-argument method
 * opens a host session, as before).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jqga.api.transport;
