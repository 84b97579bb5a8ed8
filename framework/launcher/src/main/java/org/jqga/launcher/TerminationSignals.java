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
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // the signal is reserved (e.g. -Xrs): the shutdown hook still cleans up
            }
        }
    }
}
