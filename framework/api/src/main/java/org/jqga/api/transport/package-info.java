/**
 * What a transport bundle compiles against: it moves bytes between a channel (virtio-serial port,
 * serial line, socket) and a {@link org.jqga.api.transport.ProtocolSession} of the engine.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jqga.api.transport;
