package org.jqga.engine.internal.dispatch;

import org.jqga.api.transport.SessionOrigin;

/** Decides, per request, whether a registered command may run now for this client (policy, frozen state). */
@FunctionalInterface
interface CommandGate {

    /** Null if the command may run, else the desc of the CommandNotFound error that refuses it. */
    String refusal(CommandDescriptor command, SessionOrigin origin);
}
