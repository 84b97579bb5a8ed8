package org.jqga.api;

/** The result of a command that returns nothing: serialised as {@code {}}. */
public final class NoResult {

    public static final NoResult INSTANCE = new NoResult();

    private NoResult() {
    }
}
