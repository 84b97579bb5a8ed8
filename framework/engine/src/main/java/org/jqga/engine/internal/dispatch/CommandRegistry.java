package org.jqga.engine.internal.dispatch;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jqga.api.Command;
import org.jqga.api.GuestCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The command services currently registered, by name. Only references are kept: the service object
 * is fetched when a request needs it, so an updated bundle's command serves the very next request.
 * Where two services claim one name (a new bundle version dropped beside the old one), the one with
 * the highest ranking, then the lowest service id, wins: the framework's own reference order.
 */
final class CommandRegistry implements CommandDirectory {

    private final BundleContext bundleContext;
    private final Map<String, NavigableSet<ServiceReference<Command<?>>>> byName = new ConcurrentHashMap<>();

    CommandRegistry(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    void add(ServiceReference<Command<?>> reference) {
        String name = nameOf(reference);
        if (name != null) {
            byName.computeIfAbsent(name, n -> new ConcurrentSkipListSet<>()).add(reference);
        }
    }

    void remove(ServiceReference<Command<?>> reference) {
        String name = nameOf(reference);
        if (name != null) {
            byName.computeIfPresent(name, (n, refs) -> {
                refs.remove(reference);
                return refs.isEmpty() ? null : refs;
            });
        }
    }

    @Override
    public CommandDescriptor describe(String name) {
        ServiceReference<Command<?>> reference = best(name);
        return reference == null ? null : CommandDescriptor.of(reference);
    }

    @Override
    public CommandLease acquire(String name) {
        ServiceReference<Command<?>> reference = best(name);
        if (reference == null) {
            return null;
        }
        Command<?> command = bundleContext.getService(reference);
        if (command == null) {
            return null;
        }
        return new CommandLease(CommandDescriptor.of(reference), command, ArgumentTypes.of(command),
                () -> bundleContext.ungetService(reference));
    }

    @Override
    public List<CommandDescriptor> all() {
        return byName.keySet().stream().sorted().map(this::describe).filter(Objects::nonNull).toList();
    }

    private ServiceReference<Command<?>> best(String name) {
        NavigableSet<ServiceReference<Command<?>>> refs = byName.get(name);
        if (refs == null) {
            return null;
        }
        try {
            return refs.last();
        } catch (NoSuchElementException raced) {
            return null;
        }
    }

    private static String nameOf(ServiceReference<?> reference) {
        Object name = reference.getProperty(GuestCommand.NAME_PROPERTY);
        return name instanceof String s && !s.isEmpty() ? s : null;
    }
}
