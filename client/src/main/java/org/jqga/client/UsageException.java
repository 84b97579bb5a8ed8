package org.jqga.client;

/** The command line cannot be understood; exit status 2, as for most Unix tools. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
