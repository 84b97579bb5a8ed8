package org.jqga.posix.mounts;

/** A mount-table line the agent never touches, and why; only the vendor report shows these. */
public record SkippedMount(String mountPoint, String type, String device, String reason) {
}
