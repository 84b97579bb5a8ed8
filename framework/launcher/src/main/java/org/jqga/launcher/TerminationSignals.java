package org.jqga.launcher;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the agent with exit status 0, as they end qemu-ga. A plain shutdown hook would do the
 * cleanup too, but the JVM would then exit with 128+signal, which service managers count as a failure.
 */
final class TerminationSignals {

    private TerminationSignals() {
    }

    static void onTermination(Runnable action) {
        onTermination(signal -> action.run());
    }

    /** @param action gets the signal's name, e.g. "SIGTERM" */
    static void onTermination(java.util.function.Consumer<String> action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.accept("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                // the signal is reserved (e.g. -Xrs): the shutdown hook still cleans up
            }
        }
    }
}
