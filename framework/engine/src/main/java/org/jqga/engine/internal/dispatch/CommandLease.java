package org.jqga.engine.internal.dispatch;

import org.jqga.api.Command;

/**
 * A command service held for the duration of one request, with the record type its arguments bind
 * to; closing gives the service back.
 */
record CommandLease(CommandDescriptor descriptor, Command<?> command, Class<?> argumentsType, Runnable release)
        implements AutoCloseable {

    @Override
    public void close() {
        release.run();
    }
}
