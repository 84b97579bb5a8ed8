package org.jqga.api.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a session writes its replies: the whole of {@code reply} must be written before returning. The buffer may be
 * a heap or a direct one, and is reused once this returns: a sink that queues bytes must copy them.
 */
@FunctionalInterface
public interface ReplySink {

    void send(ByteBuffer reply) throws IOException;
}
