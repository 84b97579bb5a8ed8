package org.jqga.launcher;

/** A reason not to start (or to stop starting) the agent; Main prints the message and exits with status 1. */
final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
