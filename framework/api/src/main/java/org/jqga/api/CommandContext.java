package org.jqga.api;

import java.nio.ByteBuffer;

/** What a command may ask of the request it is serving. */
public interface CommandContext {

    /**
     * A buffer for this request's bulk result, such as a guest-file-read's data: its limit is {@code capacity} and its
     * contents are undefined. Return the bytes written to it as a {@link ByteBuffer} in the result (position to limit,
     * e.g. after {@code flip()}); the reply carries them as base64. Since 1.4 a large one (64 KiB and more) is direct,
     * so that a file is read into it and its base64 sent from native memory: use the buffer's own methods, not
     * {@code array()}.
     *
     * <p>The buffer is lent, not given: it is valid until this request's reply has been written and then serves a later
     * request, so that a host moving a file costs no new megabytes per request. Never keep it.
     */
    default ByteBuffer lendBuffer(int capacity) {
        return ByteBuffer.allocate(capacity);
    }

    /**
     * Prefixes this request's reply with the 0xFF delimiter byte, as guest-sync-delimited does,
     * so the host can resynchronise its parser.
     */
    void delimitReply();
}
