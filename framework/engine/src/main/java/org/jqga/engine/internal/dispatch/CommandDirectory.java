package org.jqga.engine.internal.dispatch;

import java.util.List;

/** Where the dispatcher finds commands: the OSGi service registry in the agent, a map in tests. */
interface CommandDirectory {

    /** The command serving {@code name} now, or null. */
    CommandDescriptor describe(String name);

    /** The service serving {@code name}, fetched for one request, or null if it is gone. */
    CommandLease acquire(String name);

    /** Every command registered now, sorted by name. */
    List<CommandDescriptor> all();
}
