package org.jqga.fsfreeze.internal;

/** What the last freeze did with one mount: frozen, or left alone and why. */
record MountOutcome(String mountPoint, boolean frozen, String reason) {
}
