package org.jqga.fsfreeze.internal;

import java.util.List;

/**
 * The result of {@code __org.jqga_fsfreeze-report}.
 *
 * @param status the agent's state, as guest-fsfreeze-status reports it
 * @param source where the per-mount {@code frozen} flags come from (always the agent's own record)
 * @param frozenSince unix seconds of the freeze that is in force; absent when thawed or unknown
 * @param restoredFromMarker true when the agent started frozen because it found the marker file
 * @param autoThawSeconds the watchdog's delay; absent when off
 */
public record FsfreezeReport(String status, String source, Long frozenSince, Boolean restoredFromMarker,
        Long autoThawSeconds, String marker, String hook, List<Entry> mounts) {

    /**
     * @param frozen whether this agent froze it and has not thawed it yet; absent when unknown (restored
     *     from a marker)
     * @param reason why it is not frozen, or why it is never touched
     */
    public record Entry(String mountPoint, String type, String device, Boolean frozen, String reason) {
    }
}
