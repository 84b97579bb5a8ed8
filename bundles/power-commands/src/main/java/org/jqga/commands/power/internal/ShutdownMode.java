package org.jqga.commands.power.internal;

import org.jqga.api.CommandException;

/** guest-shutdown's modes: the dedicated program the newest qemu-ga prefers, and shutdown(8)'s flag otherwise. */
enum ShutdownMode {
    POWERDOWN("poweroff", "-P"),
    HALT("halt", "-H"),
    REBOOT("reboot", "-r");

    final String program;
    final String shutdownFlag;

    ShutdownMode(String program, String shutdownFlag) {
        this.program = program;
        this.shutdownFlag = shutdownFlag;
    }

    /**
     * The mode is a plain string in qemu-ga's schema, checked by the command with its own text (the missing
     * closing parenthesis is qemu-ga's; hosts may match the text).
     */
    static ShutdownMode parse(String mode) throws CommandException {
        if (mode == null || mode.equals("powerdown")) {
            return POWERDOWN;
        }
        if (mode.equals("halt")) {
            return HALT;
        }
        if (mode.equals("reboot")) {
            return REBOOT;
        }
        throw CommandException.genericError("mode is invalid (valid values are: halt|powerdown|reboot");
    }
}
