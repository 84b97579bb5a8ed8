package org.jqga.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * For -b help / -a help: the names of all command services once Declarative Services has finished registering them.
 * There is no "all components done" event, so it waits until the set has not changed for a quiet period.
 */
final class CommandLister {

    static final String NAME_PROPERTY = "jqga.command.name";
    private static final Duration POLL = Duration.ofMillis(50);
    // an empty set right after start usually means SCR has not got going yet
    private static final Duration MINIMUM_WAIT_WHEN_EMPTY = Duration.ofSeconds(2);

    private CommandLister() {
    }

    static List<String> awaitCommandNames(BundleContext context, Duration quietPeriod, Duration maximumWait)
            throws InterruptedException {
        long start = System.nanoTime();
        long lastChange = start;
        Set<String> names = currentNames(context);
        while (true) {
            Thread.sleep(POLL.toMillis());
            long now = System.nanoTime();
            Set<String> latest = currentNames(context);
            if (!latest.equals(names)) {
                names = latest;
                lastChange = now;
            }
            boolean quiet = now - lastChange >= quietPeriod.toNanos();
            boolean waitedEnough = !names.isEmpty() || now - start >= MINIMUM_WAIT_WHEN_EMPTY.toNanos();
            if ((quiet && waitedEnough) || now - start >= maximumWait.toNanos()) {
                return List.copyOf(names);
            }
        }
    }

    static Set<String> currentNames(BundleContext context) {
        Set<String> names = new TreeSet<>();
        ServiceReference<?>[] references;
        try {
            references = context.getAllServiceReferences(null, "(" + NAME_PROPERTY + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (references == null) {
            return names;
        }
        for (ServiceReference<?> reference : references) {
            Object value = reference.getProperty(NAME_PROPERTY);
            if (value instanceof String name) {
                names.add(name);
            } else if (value instanceof String[] several) {
                names.addAll(List.of(several));
            }
        }
        return names;
    }
}
