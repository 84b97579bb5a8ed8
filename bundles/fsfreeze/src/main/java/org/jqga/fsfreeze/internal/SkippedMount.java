package org.jqga.fsfreeze.internal;

/** A mount-table line the agent never touches, and why; only the vendor report shows these. */
record SkippedMount(String mountPoint, String type, String device, String reason) {
}
