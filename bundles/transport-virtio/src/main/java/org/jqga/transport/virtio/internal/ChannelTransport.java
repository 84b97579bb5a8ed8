package org.jqga.transport.virtio.internal;

import org.jqga.api.transport.Transport;

/** What the running channel is, as the Transport service reports it. */
record ChannelTransport(String method, String path) implements Transport {
}
