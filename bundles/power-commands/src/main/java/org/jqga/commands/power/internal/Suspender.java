package org.jqga.commands.power.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jqga.api.CommandException;
import org.jqga.programs.HelperProgram;
import org.jqga.programs.ProgramNotStarted;
import org.jqga.programs.ProgramSearch;

/**
 * qemu-ga's guest_suspend: systemd first ({@code systemctl status <service>} exiting 1-3 means the unit exists,
 * then {@code systemctl <verb>}), then pm-utils ({@code pm-is-supported <flag>} exiting 0, then the pm program),
 * then writing the kernel's name for the mode to /sys/power/state if that file lists it. The first mechanism that
 * works wins; a failing one hands over to the next.
 *
 * <p>One deliberate difference: when a supported mechanism failed and no later one was supported, qemu-ga
 * reports success (its error was discarded); here the host gets that failure.
 */
final class Suspender {

    /** Exit statuses of {@code systemctl status} meaning "the unit exists" (LSB: dead, not running ...). */
    private static final int LSB_FIRST_INACTIVE = 1;
    private static final int LSB_UNKNOWN = 4;

    private final PowerSettings settings;

    Suspender(PowerSettings settings) {
        this.settings = settings;
    }

    void suspend(SuspendMode mode) throws CommandException {
        boolean supported = false;
        CommandException failure = null;
        if (systemdSupports(mode)) {
            supported = true;
            try {
                runSuspendProgram("systemctl " + mode.systemctlVerb, List.of("systemctl", mode.systemctlVerb));
                return;
            } catch (CommandException e) {
                failure = e;
            }
        }
        if (pmUtilsSupports(mode)) {
            supported = true;
            try {
                runSuspendProgram(mode.pmProgram, List.of(mode.pmProgram));
                return;
            } catch (CommandException e) {
                failure = e;
            }
        }
        if (powerStateSupports(mode)) {
            supported = true;
            try {
                writePowerState(mode);
                return;
            } catch (CommandException e) {
                failure = e;
            }
        }
        if (!supported) {
            throw CommandException.genericError("the requested suspend mode is not supported by the guest");
        }
        throw failure;
    }

    private boolean systemdSupports(SuspendMode mode) {
        try {
            int status = exitStatus(List.of("systemctl", "status", mode.systemdService));
            return status >= LSB_FIRST_INACTIVE && status < LSB_UNKNOWN;
        } catch (CommandException e) {
            return false;
        }
    }

    private boolean pmUtilsSupports(SuspendMode mode) {
        try {
            return exitStatus(List.of("pm-is-supported", mode.pmIsSupportedFlag)) == 0;
        } catch (CommandException e) {
            return false;
        }
    }

    private void runSuspendProgram(String name, List<String> argv) throws CommandException {
        int status = exitStatus(argv);
        if (status == 0) {
            return;
        }
        if (status == -1) {
            throw CommandException.genericError("the helper program '" + name + "' was not found");
        }
        throw CommandException.genericError("the helper program '" + name
                + "' returned an unexpected exit status code (" + status + ")");
    }

    /**
     * qemu-ga's run_process_child: the program looked up on the search path with its output discarded; -1 when
     * there is no such program.
     */
    private int exitStatus(List<String> argv) throws CommandException {
        Optional<Path> program = ProgramSearch.find(argv.get(0), settings.searchPath());
        if (program.isEmpty()) {
            return -1;
        }
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, program.get().toString());
        try {
            return HelperProgram.run(resolved, null).exitStatus();
        } catch (ProgramNotStarted e) {
            throw CommandException.genericError("failed to create child process, error '" + e.reason() + "'");
        } catch (IOException e) {
            throw CommandException.genericError("failed to create child process, error '" + e.getMessage() + "'");
        }
    }

    private boolean powerStateSupports(SuspendMode mode) {
        if (mode.powerState == null) {
            return false;
        }
        byte[] listed;
        try (InputStream in = Files.newInputStream(settings.powerStateFile())) {
            listed = in.readNBytes(31);   // qemu-ga reads into a 32-byte buffer
        } catch (IOException e) {
            return false;
        }
        return new String(listed, StandardCharsets.US_ASCII).contains(mode.powerState);
    }

    private void writePowerState(SuspendMode mode) throws CommandException {
        // sysfs takes the whole word in one write; no truncation or temporary file (neither works on sysfs)
        try (OutputStream out = Files.newOutputStream(settings.powerStateFile(), StandardOpenOption.WRITE)) {
            out.write(mode.powerState.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw CommandException.genericError("suspend: cannot write to '/sys/power/state': " + ErrnoText.of(e));
        }
    }
}
