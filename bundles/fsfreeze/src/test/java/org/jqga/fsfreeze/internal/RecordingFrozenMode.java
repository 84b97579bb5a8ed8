package org.jqga.fsfreeze.internal;

import java.util.List;

/** Notes entering and leaving frozen mode in the shared event log, and whether the marker existed then. */
final class RecordingFrozenMode implements FrozenMode {

    private final List<String> events;
    private final FrozenMarker marker;
    private volatile boolean entered;

    RecordingFrozenMode(List<String> events, FrozenMarker marker) {
        this.events = events;
        this.marker = marker;
    }

    boolean entered() {
        return entered;
    }

    @Override
    public void enter() {
        entered = true;
        events.add("enter" + (marker.exists() ? " (marker present)" : " (no marker)"));
    }

    @Override
    public void leave() {
        entered = false;
        events.add("leave" + (marker.exists() ? " (marker present)" : " (no marker)"));
    }
}
