package org.jqga.api.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a session writes its replies: the whole of {@code reply} must be written before returning. */
@FunctionalInterface
public interface ReplySink {

    void send(ByteBuffer reply) throws IOException;
}
