package org.jqga.launcher;

/** A key file that GLib would refuse; the message is GLib's wording so operators recognise it. */
final class KeyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyFileException(String message) {
        super(message);
    }
}
