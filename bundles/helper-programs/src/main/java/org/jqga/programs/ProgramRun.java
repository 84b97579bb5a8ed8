package org.jqga.programs;

/**
 * How a helper program ended: its exit status and everything it wrote to stdout and stderr (interleaved, as
 * through one pipe).
 */
public record ProgramRun(int exitStatus, String output) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
