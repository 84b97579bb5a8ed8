package org.jqga.api.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of one host conversation. Not thread-safe: one transport thread feeds it. Requests are
 * executed in order, on the calling thread, and their replies written to the session's sink before
 * {@link #receive} returns.
 */
public interface ProtocolSession {

    /** Consumes all of {@code input}, however the host split or joined its requests. */
    void receive(ByteBuffer input) throws IOException;

    /** Drops any partial request, so that a reconnecting client starts clean. */
    void reset();
}
