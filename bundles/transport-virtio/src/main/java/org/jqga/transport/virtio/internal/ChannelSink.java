package org.jqga.transport.virtio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.jqga.api.transport.ReplySink;

/**
 * Writes replies to a blocking channel. On virtio-serial a write blocks while no host client is
 * attached; that is expected, and closing the channel unblocks it.
 */
record ChannelSink(WritableByteChannel channel) implements ReplySink {

    @Override
    public void send(ByteBuffer reply) throws IOException {
        while (reply.hasRemaining()) {
            channel.write(reply);
        }
    }
}
