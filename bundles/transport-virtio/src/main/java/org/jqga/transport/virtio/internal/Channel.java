package org.jqga.transport.virtio.internal;

import java.io.IOException;

/** A byte channel to the host that feeds protocol sessions of the engine. */
interface Channel {

    /**
     * Opens the channel and serves the host on the calling thread. Returns when {@link #close} was
     * called or when the channel ended by itself; throws when it could not be opened or failed, and
     * may then be served again (retry-path).
     */
    void serve() throws IOException;

    /** Ends {@link #serve} from any thread; final. */
    void close();
}
