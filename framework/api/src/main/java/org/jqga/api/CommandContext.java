package org.jqga.api;

/** What a command may ask of the request it is serving. */
public interface CommandContext {

    /**
     * Prefixes this request's reply with the 0xFF delimiter byte, as guest-sync-delimited does,
     * so the host can resynchronise its parser.
     */
    void delimitReply();
}
