package org.jqga.api.audit;

/**
 * Told about every request the engine answered, whiteboard style: register an implementation as a
 * service. Called on the request's own thread right after its reply is made, so an implementation
 * must return at once (hand the record to a queue) and never throw.
 */
@FunctionalInterface
public interface RequestObserver {

    void requestCompleted(RequestRecord record);
}
