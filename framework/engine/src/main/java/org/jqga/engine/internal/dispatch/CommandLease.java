package org.jqga.engine.internal.dispatch;

import org.jqga.api.Command;

/**
 * A command service used for one request, with the record type its arguments bind to; closing runs
 * {@code release} once the handler has returned.
 */
record CommandLease(CommandDescriptor descriptor, Command<?> command, Class<?> argumentsType, Runnable release)
        implements AutoCloseable {

    /** For a service whose use count is held elsewhere (the registry keeps it while it is registered). */
    static final Runnable NOTHING = () -> { };

    @Override
    public void close() {
        release.run();
    }
}
