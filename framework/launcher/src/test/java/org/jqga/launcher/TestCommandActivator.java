package org.jqga.launcher;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into generated test bundles: registers services the way command bundles do, one of them a little late
 * (as DS components often are), so that the lister has to wait for a stable set.
 */
public class TestCommandActivator implements BundleActivator {

    static final List<String> SORTED_NAMES = List.of("guest-info", "guest-late", "guest-ping", "guest-sync");

    @Override
    public void start(BundleContext context) {
        for (String name : new String[] {"guest-sync", "guest-ping", "guest-info"}) {
            register(context, name);
        }
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(150);
                register(context, "guest-late");
            } catch (InterruptedException | IllegalStateException e) {
                // bundle stopped meanwhile
            }
        });
        late.setDaemon(true);
        late.start();
        // not a command: must not be listed
        context.registerService(Runnable.class, () -> { }, new Hashtable<>());
    }

    private static void register(BundleContext context, String name) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("jqga.command.name", name);
        context.registerService(Object.class, new Object(), properties);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
