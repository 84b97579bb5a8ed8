package org.jqga.programs;

import java.io.IOException;

/** The program could not be executed at all; the message is the C library's reason ("No such file or directory"). */
public final class ProgramNotStarted extends IOException {

    private static final long serialVersionUID = 1L;

    private final String program;

    ProgramNotStarted(String program, String reason) {
        super(reason);
        this.program = program;
    }

    public String program() {
        return program;
    }

    public String reason() {
        return getMessage();
    }
}
