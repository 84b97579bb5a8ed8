package org.jqga.engine.internal.dispatch;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jqga.api.Command;
import org.jqga.api.GuestCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The command services currently registered, by name. The reference is looked up per request, so an updated
 * bundle's command serves the very next request; the service object is fetched on a reference's first request and
 * kept until that reference is unregistered. Fetching it per request, as the framework checks the object's classes
 * against the registration each time, was a sixth of the agent's own work per guest-ping; a command's instance
 * lives as long as its registration anyway (ds.delayed.keepInstances).
 * Where two services claim one name (a new bundle version dropped beside the old one), the one with
 * the highest ranking, then the lowest service id, wins: the framework's own reference order.
 *
 * <p>A bundle update unregisters its commands and registers the new ones a moment later. A request
 * arriving in that gap should be served by the new version, not answered "not found", so a name
 * that lost its last service recently ({@code swapWindow}) is waited for, at most {@code swapWait}.
 * A name never seen, or one whose bundle was uninstalled, is answered at once.
 *
 * <p>The agent opens its channel before every bundle has started (the launcher starts the bundles that serve the
 * host's first requests at start level 1, the others at level 2): while the framework is still starting, any name
 * not registered yet is waited for, at most {@code startWait}, so that no request is refused merely for coming early.
 */
final class CommandRegistry implements CommandDirectory {

    /** Defaults of the framework properties org.jqga.swapWaitMillis and org.jqga.swapWindowMillis. */
    static final long DEFAULT_SWAP_WAIT_MILLIS = 3_000;
    static final long DEFAULT_SWAP_WINDOW_MILLIS = 10_000;
    /** Default of org.jqga.startWaitMillis: how long a request waits for a bundle still starting. */
    static final long DEFAULT_START_WAIT_MILLIS = 30_000;
    /** How often a waiter re-checks whether the departed bundle was uninstalled meanwhile. */
    private static final long RECHECK_MILLIS = 50;

    /** When a name lost its last service, and the bundle that had provided it. */
    private record Departure(long nanos, Bundle bundle) {
    }

    private final BundleContext bundleContext;
    private final long swapWaitNanos;
    private final long swapWindowNanos;
    private final LongSupplier nanoClock;
    private final BooleanSupplier frameworkStarting;
    private final long startWaitNanos;
    private final Map<String, NavigableSet<ServiceReference<Command<?>>>> byName = new ConcurrentHashMap<>();
    private final Map<String, Departure> departed = new ConcurrentHashMap<>();
    /** Read once per registration: the properties of a command service do not change while it is registered. */
    private final Map<ServiceReference<?>, CommandDescriptor> descriptors = new ConcurrentHashMap<>();
    /** The service objects fetched so far, each held (one use count) until its reference is removed. */
    private final Map<ServiceReference<?>, Command<?>> services = new ConcurrentHashMap<>();
    private final Object arrivals = new Object();

    CommandRegistry(BundleContext bundleContext) {
        this(bundleContext, DEFAULT_SWAP_WAIT_MILLIS, DEFAULT_SWAP_WINDOW_MILLIS, System::nanoTime);
    }

    CommandRegistry(BundleContext bundleContext, long swapWaitMillis, long swapWindowMillis, LongSupplier nanoClock) {
        this(bundleContext, swapWaitMillis, swapWindowMillis, nanoClock, () -> false, 0);
    }

    /** @param frameworkStarting whether the framework is still starting bundles (unknown names are then waited for) */
    CommandRegistry(BundleContext bundleContext, long swapWaitMillis, long swapWindowMillis, LongSupplier nanoClock,
                    BooleanSupplier frameworkStarting, long startWaitMillis) {
        this.bundleContext = bundleContext;
        this.swapWaitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, swapWaitMillis));
        this.swapWindowNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, swapWindowMillis));
        this.nanoClock = nanoClock;
        this.frameworkStarting = frameworkStarting;
        this.startWaitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, startWaitMillis));
    }

    void add(ServiceReference<Command<?>> reference) {
        String name = nameOf(reference);
        if (name != null) {
            descriptors.put(reference, CommandDescriptor.of(reference));
            byName.computeIfAbsent(name, n -> new ConcurrentSkipListSet<>()).add(reference);
            departed.remove(name);
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
        }
    }

    void remove(ServiceReference<Command<?>> reference) {
        String name = nameOf(reference);
        if (name != null) {
            // still valid here: the framework calls unbind while the service is being unregistered
            Bundle provider = reference.getBundle();
            byName.computeIfPresent(name, (n, refs) -> {
                // the departure is recorded before the last reference leaves the set: a request that finds the
                // set empty (readers see it before this mapping is gone) must also find the departure to wait on
                if (refs.size() == 1 && refs.contains(reference)) {
                    departed.put(n, new Departure(nanoClock.getAsLong(), provider));
                }
                refs.remove(reference);
                return refs.isEmpty() ? null : refs;
            });
            // the descriptor first: a request that fetched the service meanwhile sees it gone and gives it back
            descriptors.remove(reference);
            giveBack(reference);
        }
    }

    @Override
    public CommandDescriptor describe(String name) {
        ServiceReference<Command<?>> reference = best(name);
        return reference == null ? null : descriptorOf(reference);
    }

    @Override
    public CommandDescriptor awaitReturn(String name) throws InterruptedException {
        Departure departure = departed.get(name);
        long now = nanoClock.getAsLong();
        if (departure == null || now - departure.nanos() > swapWindowNanos) {
            return frameworkStarting.getAsBoolean() ? awaitStart(name, now + startWaitNanos) : describe(name);
        }
        long deadline = now + swapWaitNanos;
        synchronized (arrivals) {
            while (true) {
                CommandDescriptor descriptor = describe(name);
                if (descriptor != null) {
                    return descriptor;
                }
                if (departure.bundle() != null && departure.bundle().getState() == Bundle.UNINSTALLED) {
                    return null;
                }
                if (!pauseBefore(deadline)) {
                    return null;
                }
            }
        }
    }

    /** A name not registered while the framework is starting: waited for until it arrives or the start is over. */
    private CommandDescriptor awaitStart(String name, long deadline) throws InterruptedException {
        synchronized (arrivals) {
            while (true) {
                // read before the lookup: once the start is over, every bundle's commands are registered
                boolean starting = frameworkStarting.getAsBoolean();
                CommandDescriptor descriptor = describe(name);
                if (descriptor != null || !starting) {
                    return descriptor;
                }
                if (!pauseBefore(deadline)) {
                    return null;
                }
            }
        }
    }

    /**
     * Returns once the framework has started every bundle (at most {@code startWait}), so that a listing of the
     * commands, which hosts read once and keep, is complete.
     */
    void awaitStarted() throws InterruptedException {
        long deadline = nanoClock.getAsLong() + startWaitNanos;
        synchronized (arrivals) {
            while (frameworkStarting.getAsBoolean() && pauseBefore(deadline)) {
                // until the start is over or the deadline has passed
            }
        }
    }

    /**
     * One turn of a bounded wait, holding {@code arrivals}: until a command arrives or the next re-check is due.
     *
     * @return false, without waiting, once {@code deadline} has passed
     */
    private boolean pauseBefore(long deadline) throws InterruptedException {
        long left = deadline - nanoClock.getAsLong();
        if (left <= 0) {
            return false;
        }
        arrivals.wait(Math.max(1, Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
        return true;
    }

    @Override
    public CommandLease acquire(String name) {
        ServiceReference<Command<?>> reference = best(name);
        if (reference == null) {
            return null;
        }
        Command<?> command = services.get(reference);
        if (command == null) {
            command = fetch(reference);
            if (command == null) {
                return null;
            }
        }
        return new CommandLease(descriptorOf(reference), command, ArgumentTypes.of(command), CommandLease.NOTHING);
    }

    /** The service object of a reference not fetched yet, kept while the reference stays registered; else null. */
    private Command<?> fetch(ServiceReference<Command<?>> reference) {
        Command<?> command = bundleContext.getService(reference);
        if (command == null) {
            return null;
        }
        Command<?> kept = services.putIfAbsent(reference, command);
        if (kept != null) {
            // another request fetched it first: one use count is held per reference
            bundleContext.ungetService(reference);
            return kept;
        }
        if (!descriptors.containsKey(reference) && services.remove(reference, command)) {
            // removed while being fetched: serve this request, keep nothing
            bundleContext.ungetService(reference);
        }
        return command;
    }

    /**
     * Gives back every service object held, for an engine being deactivated while its bundle stays (the framework
     * releases them itself only when the bundle stops). A request still running keeps the object it has.
     */
    void releaseServices() {
        for (ServiceReference<?> reference : List.copyOf(services.keySet())) {
            giveBack(reference);
        }
    }

    /** Gives back the service object held for {@code reference}, if one is (and only once). */
    private void giveBack(ServiceReference<?> reference) {
        if (services.remove(reference) != null) {
            bundleContext.ungetService(reference);
        }
    }

    @Override
    public List<CommandDescriptor> all() {
        return byName.keySet().stream().sorted().map(this::describe).filter(Objects::nonNull).toList();
    }

    private CommandDescriptor descriptorOf(ServiceReference<?> reference) {
        CommandDescriptor descriptor = descriptors.get(reference);
        return descriptor != null ? descriptor : CommandDescriptor.of(reference);
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
