package org.jqga.api;

/**
 * A command's failure as the host sees it: {@code {"error": {"class": ..., "desc": ...}}}.
 * Handlers throw {@link #genericError(String)}; qemu-ga reports every handler failure as GenericError.
 */
public class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;

    public CommandException(ErrorClass errorClass, String desc) {
        super(desc, null, false, false);
        this.errorClass = errorClass;
    }

    public static CommandException genericError(String desc) {
        return new CommandException(ErrorClass.GenericError, desc);
    }

    /** qemu-ga's text for a command nobody registered. */
    public static CommandException commandNotFound(String command) {
        return new CommandException(ErrorClass.CommandNotFound, "The command " + command + " has not been found");
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The error's {@code desc}, exactly as sent. */
    public String desc() {
        return getMessage();
    }
}
