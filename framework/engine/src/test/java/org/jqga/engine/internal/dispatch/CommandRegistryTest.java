package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The swap wait: a command that went away a moment ago is waited for, an unknown one is not; the service objects, held
 * per registration; and the start wait: while
 * the framework is still starting bundles, any name not registered yet is waited for.
 */
class CommandRegistryTest {

    private static final AtomicLong SERVICE_IDS = new AtomicLong();

    private final AtomicInteger bundleState = new AtomicInteger(Bundle.ACTIVE);
    private final Bundle provider = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getState" -> bundleState.get();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            });

    @SuppressWarnings("unchecked")
    private ServiceReference<Command<?>> reference(String name) {
        long id = SERVICE_IDS.incrementAndGet();
        Map<String, Object> properties = Map.of(GuestCommand.NAME_PROPERTY, name, "service.id", id);
        return (ServiceReference<Command<?>>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getBundle" -> provider;
                    // the framework's order: a lower id ranks higher, so it sorts last
                    case "compareTo" -> Long.compare((Long) properties.get("service.id"),
                            (Long) ((ServiceReference<?>) args[0]).getProperty("service.id")) * -1;
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ref " + name + " " + id;
                    default -> null;
                });
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void anUnknownCommandIsNotWaitedFor() throws Exception {
        // a wait would take the full 30 s: anything far below that was no wait, however loaded the machine
        CommandRegistry registry = new CommandRegistry(null, 30_000, 10_000, System::nanoTime);
        long start = System.nanoTime();
        assertNull(registry.awaitReturn("never-registered"));
        assertTrue(millisSince(start) < 10_000, "answered at once");
    }

    @Test
    void aCommandBeingSwappedIsWaitedForAndFound() throws Exception {
        CommandRegistry registry = new CommandRegistry(null, 30_000, 10_000, System::nanoTime);
        ServiceReference<Command<?>> old = reference("__com.example_x");
        registry.add(old);
        registry.remove(old);
        assertNull(registry.describe("__com.example_x"));
        ServiceReference<Command<?>> replacement = reference("__com.example_x");
        assertWaitedForAndFound(registry, "__com.example_x", () -> registry.add(replacement));
    }

    /** awaitReturn while {@code arrival} runs 300 ms later on another thread: the name is found, after a wait. */
    private static void assertWaitedForAndFound(CommandRegistry registry, String name, Runnable arrival)
            throws Exception {
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            sleep(300);
            arrival.run();
        });
        long start = System.nanoTime();
        CommandDescriptor found = registry.awaitReturn(name);
        long waited = millisSince(start);
        later.get();
        assertNotNull(found, "found once it arrived, not refused as unknown");
        assertEquals(name, found.name());
        assertTrue(waited >= 250, "waited for the arrival: " + waited + " ms");
    }

    @Test
    void theWaitIsBounded() throws Exception {
        CommandRegistry registry = new CommandRegistry(null, 400, 10_000, System::nanoTime);
        ServiceReference<Command<?>> gone = reference("gone");
        registry.add(gone);
        registry.remove(gone);
        long start = System.nanoTime();
        assertNull(registry.awaitReturn("gone"));
        long waited = millisSince(start);
        assertTrue(waited >= 350 && waited < 10_000, "waited about swapWaitMillis: " + waited + " ms");
    }

    @Test
    void aCommandGoneLongerThanTheWindowIsNotWaitedFor() throws Exception {
        AtomicLong clock = new AtomicLong(0);
        CommandRegistry registry = new CommandRegistry(null, 30_000, 10_000, clock::get);
        ServiceReference<Command<?>> gone = reference("gone");
        registry.add(gone);
        registry.remove(gone);
        clock.set(TimeUnit.SECONDS.toNanos(11));
        long start = System.nanoTime();
        assertNull(registry.awaitReturn("gone"));
        assertTrue(millisSince(start) < 10_000, "answered at once");
    }

    @Test
    void aCommandOfAnUninstalledBundleIsNotWaitedFor() throws Exception {
        CommandRegistry registry = new CommandRegistry(null, 30_000, 10_000, System::nanoTime);
        ServiceReference<Command<?>> gone = reference("gone");
        registry.add(gone);
        registry.remove(gone);
        CompletableFuture.runAsync(() -> {
            sleep(200);
            bundleState.set(Bundle.UNINSTALLED);
        });
        long start = System.nanoTime();
        assertNull(registry.awaitReturn("gone"));
        long waited = millisSince(start);
        assertTrue(waited < 15_000, "stopped waiting once the bundle was uninstalled (a full wait is 30 s): " + waited + " ms");
    }

    @Test
    void anotherServiceForTheNameKeepsItPresent() throws Exception {
        CommandRegistry registry = new CommandRegistry(null, 3_000, 10_000, System::nanoTime);
        ServiceReference<Command<?>> first = reference("twice");
        ServiceReference<Command<?>> second = reference("twice");
        registry.add(first);
        registry.add(second);
        registry.remove(first);
        assertNotNull(registry.describe("twice"));
        assertEquals(1, registry.all().size());
    }

    /** A command of its own class, so that its arguments type can be found as for a bundle's command. */
    private static final class Named implements Command<NoArguments> {
        @Override
        public Object execute(NoArguments arguments, CommandContext context) {
            return NoResult.INSTANCE;
        }
    }

    /** The framework's service registry as far as the registry uses it: the services and each one's use count. */
    private static final class Services {
        final Map<ServiceReference<?>, Command<?>> registered = new HashMap<>();
        final Map<ServiceReference<?>, Integer> useCounts = new HashMap<>();
        final AtomicInteger fetches = new AtomicInteger();
        Runnable duringFetch = () -> { };

        final BundleContext context = (BundleContext) Proxy.newProxyInstance(CommandRegistryTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getService" -> {
                        fetches.incrementAndGet();
                        duringFetch.run();
                        Command<?> service = registered.get((ServiceReference<?>) args[0]);
                        if (service != null) {
                            useCounts.merge((ServiceReference<?>) args[0], 1, Integer::sum);
                        }
                        yield service;
                    }
                    case "ungetService" -> {
                        useCounts.merge((ServiceReference<?>) args[0], -1, Integer::sum);
                        yield true;
                    }
                    default -> null;
                });

        final CommandRegistry registry = new CommandRegistry(context, 3_000, 10_000, System::nanoTime);

        int useCount(ServiceReference<?> reference) {
            return useCounts.getOrDefault(reference, 0);
        }
    }

    /** Registers {@code command} under {@code name} with the framework and tells the registry, as DS would. */
    private ServiceReference<Command<?>> register(Services services, String name, Command<?> command) {
        ServiceReference<Command<?>> reference = reference(name);
        services.registered.put(reference, command);
        services.registry.add(reference);
        return reference;
    }

    @Test
    void aServiceIsFetchedOnceAndGivenBackWhenItsReferenceIsRemoved() {
        Services services = new Services();
        CommandRegistry registry = services.registry;
        Named command = new Named();
        ServiceReference<Command<?>> reference = register(services, "__com.example_kept", command);
        for (int i = 0; i < 3; i++) {
            try (CommandLease lease = registry.acquire("__com.example_kept")) {
                assertSame(command, lease.command());
                assertEquals(NoArguments.class, lease.argumentsType());
            }
        }
        assertEquals(1, services.fetches.get(), "fetched once, not per request");
        assertEquals(1, services.useCount(reference), "held while registered");
        registry.remove(reference);
        assertEquals(0, services.useCount(reference), "given back when unregistered");
    }

    @Test
    void aDeactivatedEngineGivesBackEveryServiceItHeld() {
        Services services = new Services();
        CommandRegistry registry = services.registry;
        ServiceReference<Command<?>> first = register(services, "__com.example_one", new Named());
        ServiceReference<Command<?>> second = register(services, "__com.example_two", new Named());
        registry.acquire("__com.example_one").close();
        registry.acquire("__com.example_two").close();
        registry.releaseServices();
        assertEquals(0, services.useCount(first));
        assertEquals(0, services.useCount(second));
        registry.remove(first);
        assertEquals(0, services.useCount(first), "not given back twice");
    }

    @Test
    void aReplacedServiceServesTheNextRequest() {
        Services services = new Services();
        CommandRegistry registry = services.registry;
        ServiceReference<Command<?>> old = register(services, "__com.example_swapped", new Named());
        registry.acquire("__com.example_swapped").close();
        Named updated = new Named();
        registry.remove(old);
        ServiceReference<Command<?>> replacement = register(services, "__com.example_swapped", updated);
        assertSame(updated, registry.acquire("__com.example_swapped").command());
        assertEquals(0, services.useCount(old));
        assertEquals(1, services.useCount(replacement));
    }

    @Test
    void aServiceUnregisteredWhileBeingFetchedServesThatRequestAndIsNotKept() {
        Services services = new Services();
        CommandRegistry registry = services.registry;
        Named command = new Named();
        ServiceReference<Command<?>> reference = register(services, "__com.example_leaving", command);
        services.duringFetch = () -> registry.remove(reference);
        assertSame(command, registry.acquire("__com.example_leaving").command());
        assertEquals(0, services.useCount(reference), "nothing held for a reference that is gone");
    }

    @Test
    void whileTheFrameworkStartsAnUnknownNameIsWaitedForUntilItsBundleRegistersIt() throws Exception {
        AtomicBoolean starting = new AtomicBoolean(true);
        CommandRegistry registry = new CommandRegistry(null, 3_000, 10_000, System::nanoTime, starting::get, 30_000);
        assertWaitedForAndFound(registry, "guest-file-open", () -> {
            registry.add(reference("guest-file-open"));
            starting.set(false);
        });
    }

    @Test
    void aNameNoBundleRegistersIsNotFoundOnceTheStartIsOver() throws Exception {
        AtomicBoolean starting = new AtomicBoolean(true);
        CommandRegistry registry = new CommandRegistry(null, 3_000, 10_000, System::nanoTime, starting::get, 30_000);
        CompletableFuture.runAsync(() -> {
            sleep(300);
            starting.set(false);
        });
        long start = System.nanoTime();
        assertNull(registry.awaitReturn("guest-no-such-command"));
        long waited = millisSince(start);
        assertTrue(waited >= 250 && waited < 15_000, "waited for the end of the start (a full wait is 30 s): "
                + waited + " ms");
        long again = System.nanoTime();
        assertNull(registry.awaitReturn("guest-no-such-command"));
        assertTrue(millisSince(again) < 10_000, "after the start, answered at once");
    }

    @Test
    void theStartWaitIsBounded() throws Exception {
        CommandRegistry registry = new CommandRegistry(null, 3_000, 10_000, System::nanoTime, () -> true, 400);
        long start = System.nanoTime();
        assertNull(registry.awaitReturn("never-registered"));
        long waited = millisSince(start);
        assertTrue(waited >= 350 && waited < 10_000, "waited about startWaitMillis: " + waited + " ms");
        long listing = System.nanoTime();
        registry.awaitStarted();
        assertTrue(millisSince(listing) >= 350, "a listing waits as long, then goes on with what is there");
    }

    @Test
    void aListingWaitsForTheEndOfTheStart() throws Exception {
        AtomicBoolean starting = new AtomicBoolean(true);
        CommandRegistry registry = new CommandRegistry(null, 3_000, 10_000, System::nanoTime, starting::get, 30_000);
        registry.add(reference("guest-ping"));
        CompletableFuture.runAsync(() -> {
            sleep(300);
            registry.add(reference("guest-file-open"));
            starting.set(false);
        });
        registry.awaitStarted();
        assertEquals(2, registry.all().size(), "both levels' commands listed");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
