package org.jqga.engine.internal.dispatch;

import org.jqga.api.CommandException;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;

/** Commands shaped like qemu-ga's core ones, and one of each kind of failure, for sessions driven without OSGi. */
final class SampleCommands {

    static final String HANDLER_ERROR = "failed to do it: No such file or directory";
    static final String BUG_ERROR = "command throws failed: java.lang.IllegalStateException: bug";

    record SyncArguments(long id) {
    }

    private SampleCommands() {
    }

    /** guest-ping, guest-sync(-delimited), guest-shutdown (no success reply), fails, throws, blocked. */
    static MapDirectory directory() {
        return new MapDirectory()
                .add("guest-ping", NoArguments.class, (a, c) -> NoResult.INSTANCE)
                .add("guest-sync", SyncArguments.class, (a, c) -> a.id())
                .add("guest-sync-delimited", SyncArguments.class, (a, c) -> {
                    c.delimitReply();
                    return a.id();
                })
                .add("fails", NoArguments.class, (a, c) -> {
                    throw CommandException.genericError(HANDLER_ERROR);
                })
                .add("throws", NoArguments.class, (a, c) -> {
                    throw new IllegalStateException("bug");
                })
                .add("guest-shutdown", false, NoArguments.class, (a, c) -> NoResult.INSTANCE)
                .add("blocked", NoArguments.class, (a, c) -> NoResult.INSTANCE);
    }

    /** Refuses "blocked" as qemu-ga 7.2 refuses a command on its block list. */
    static CommandGate gate() {
        return (command, origin) -> command.name().equals("blocked") ? "Command blocked has been disabled" : null;
    }
}
