package org.jqga.commands.exec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.jqga.api.CommandException;

/**
 * guest-exec's {@code capture-output}: QAPI's GuestExecCaptureOutput alternate, a boolean ({@code true} is
 * {@link #SEPARATED}, {@code false} is {@link #NONE}) or one of the names below. Absent means {@link #NONE}.
 */
enum CaptureOutput {
    NONE(false, false),
    STDOUT(true, false),
    STDERR(false, true),
    SEPARATED(true, true),
    /** stderr goes into the stdout pipe, so everything comes back as {@code out-data}. */
    MERGED(true, false);

    private final boolean stdout;
    private final boolean stderr;

    CaptureOutput(boolean stdout, boolean stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Whether the child's stdout is a pipe the agent reads (for MERGED its stderr goes there too). */
    boolean capturesStdout() {
        return stdout;
    }

    /** Whether the child's stderr has a pipe of its own. */
    boolean capturesStderr() {
        return stderr;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bound value of the argument, with qemu-ga's argument-error texts; null means absent. */
    static CaptureOutput parse(JsonNode value) throws CommandException {
        if (value == null) {
            return NONE;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? SEPARATED : NONE;
        }
        if (!value.isTextual()) {
            // JSON null included: QAPI counts a present null as a value of the wrong type
            throw CommandException.genericError(
                    "Invalid parameter type for 'capture-output', expected: GuestExecCaptureOutput");
        }
        for (CaptureOutput mode : values()) {
            if (mode.wireName().equals(value.textValue())) {
                return mode;
            }
        }
        throw CommandException.genericError("Parameter 'capture-output' does not accept value '" + value.textValue() + "'");
    }
}
