package org.jqga.engine.internal.dispatch;

import java.util.List;

/** Where the dispatcher finds commands: the OSGi service registry in the agent, a map in tests. */
interface CommandDirectory {

    /** The command serving {@code name} now, or null. */
    CommandDescriptor describe(String name);

    /**
     * For a name {@link #describe} just did not find: the command once it is back, if it went away
     * moments ago (a bundle being updated), waiting a bounded time; null at once for a name that is
     * simply unknown.
     */
    default CommandDescriptor awaitReturn(String name) throws InterruptedException {
        return describe(name);
    }

    /** The service serving {@code name}, fetched for one request, or null if it is gone. */
    CommandLease acquire(String name);

    /** Every command registered now, sorted by name. */
    List<CommandDescriptor> all();
}
