package org.jqga.client;

/** The agent answered with {"error": {"class": ..., "desc": ...}}; exit status 1. */
final class AgentError extends Exception {

    private final String errorClass;

    AgentError(String errorClass, String description) {
        super(description);
        this.errorClass = errorClass;
    }

    String errorClass() {
        return errorClass;
    }
}
