package org.jqga.fsfreeze.internal;

/**
 * Switches the rest of the agent into and out of frozen mode. In OSGi this is the
 * {@link org.jqga.api.FrozenFilesystems} service being registered: the engine then refuses every command
 * not allowed while frozen, and log and state writers hold their writes.
 */
interface FrozenMode {

    void enter();

    void leave();
}
