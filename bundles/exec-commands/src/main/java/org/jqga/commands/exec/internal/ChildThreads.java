package org.jqga.commands.exec.internal;

import java.io.Closeable;
import java.io.IOException;

/** The small daemon threads that move a child's pipe data, and closing what they use. */
final class ChildThreads {

    /** They only loop over a buffer allocated on the heap; a small stack is plenty. */
    private static final long STACK_SIZE = 128 * 1024;
    private static final long JOIN_MILLIS = 2_000;

    private ChildThreads() {
    }

    static Thread start(String name, Runnable work) {
        Thread thread = new Thread(null, work, name, STACK_SIZE);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void join(Thread thread) {
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing more to read or write through it either way
        }
    }
}
