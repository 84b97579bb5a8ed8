package org.jqga.engine.internal.dispatch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jqga.api.Command;
import org.jqga.api.RiskGroup;

/** Commands in a map instead of the service registry, counting leases to prove each is given back. */
final class MapDirectory implements CommandDirectory {

    private final Map<String, CommandLease> commands = new TreeMap<>();
    int outstanding;

    <A> MapDirectory add(String name, Class<A> argumentsType, Command<A> command) {
        return add(name, true, argumentsType, command);
    }

    /** Lambdas keep no generic type, so the arguments type is given here, as the registry finds it on a class. */
    <A> MapDirectory add(String name, boolean successResponse, Class<A> argumentsType, Command<A> command) {
        return add(new CommandDescriptor(name, successResponse, false, RiskGroup.INFO, false), argumentsType, command);
    }

    /** A command that declared itself non-blocking: the engine runs it on the caller's thread. */
    <A> MapDirectory addNonBlocking(String name, Class<A> argumentsType, Command<A> command) {
        return add(new CommandDescriptor(name, true, false, RiskGroup.INFO, true), argumentsType, command);
    }

    private <A> MapDirectory add(CommandDescriptor descriptor, Class<A> argumentsType, Command<A> command) {
        String name = descriptor.name();
        commands.put(name, new CommandLease(descriptor, command, argumentsType, () -> outstanding--));
        return this;
    }

    @Override
    public CommandDescriptor describe(String name) {
        CommandLease lease = commands.get(name);
        return lease == null ? null : lease.descriptor();
    }

    @Override
    public CommandLease acquire(String name) {
        CommandLease lease = commands.get(name);
        if (lease != null) {
            outstanding++;
        }
        return lease;
    }

    @Override
    public List<CommandDescriptor> all() {
        return commands.values().stream().map(CommandLease::descriptor).toList();
    }
}
