package org.jqga.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * The log destination (System.err, where AgentLogProvider writes) that can be told to hold its lines in memory. While
 * filesystems are frozen a write to a file on one of them sleeps until thaw, and only this agent can thaw: so from
 * {@link #hold()} to {@link #release()} complete lines are kept in a bounded buffer (later lines are counted and
 * dropped once it is full) and written when released.
 *
 * <p>Lines are passed on whole, one write each, so a hold never splits a line and appends from several threads do
 * not interleave. The destination may be opened only on the first release ({@link Destination}): an agent that
 * starts with filesystems frozen must not even create its log file.
 */
final class HeldLogOutput extends OutputStream {

    /** Opens the real destination; called at most once, never while holding. */
    @FunctionalInterface
    interface Destination {
        OutputStream open() throws IOException;
    }

    /** What a release wrote: the lines held and the lines dropped because the buffer was full. */
    record Released(int heldLines, long droppedLines) {
    }

    static final int DEFAULT_CAPACITY_BYTES = 1 << 20;

    private final Destination destination;
    private final OutputStream fallback;
    private final int capacityBytes;

    // guarded by this
    private OutputStream out;
    private boolean holding;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private int heldBytes;
    private long dropped;

    /**
     * @param destination   opened on the first write that is not held
     * @param fallback      used when the destination cannot be opened (the process's own stderr)
     * @param capacityBytes the most bytes of log lines held in memory
     */
    HeldLogOutput(Destination destination, OutputStream fallback, int capacityBytes) {
        this.destination = destination;
        this.fallback = fallback;
        this.capacityBytes = capacityBytes;
    }

    /** Opens the destination now, so that a bad log file path fails the start rather than the first log line. */
    synchronized void open() throws IOException {
        if (out == null) {
            out = destination.open();
        }
    }

    synchronized boolean isHolding() {
        return holding;
    }

    synchronized void hold() {
        holding = true;
    }

    /** Writes everything held (the destination is opened if it was not yet) and passes lines through again. */
    synchronized Released release() {
        if (!holding) {
            return new Released(0, 0);
        }
        holding = false;
        int count = held.size();
        long lost = dropped;
        try {
            for (byte[] bytes : held) {
                target().write(bytes);
            }
            target().flush();
        } catch (IOException e) {
            // nowhere better to report it than the log that failed
        } finally {
            held.clear();
            heldBytes = 0;
            dropped = 0;
        }
        return new Released(count, lost);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                endLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** A partial line waits for its newline (PrintStream flushes after every print), so that a hold cannot split it. */
    @Override
    public synchronized void flush() throws IOException {
        if (!holding && out != null) {
            out.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!holding && line.size() > 0) {
            target().write(line.toByteArray());
            line.reset();
        }
        if (out != null) {
            out.close();
        }
    }

    private void endLine() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (!holding) {
            target().write(bytes);
            return;
        }
        if (dropped == 0 && heldBytes + bytes.length <= capacityBytes) {
            held.add(bytes);
            heldBytes += bytes.length;
        } else {
            // once one line is lost, later ones are too: what was held stays one unbroken stretch
            dropped++;
        }
    }

    private OutputStream target() {
        if (out == null) {
            try {
                out = destination.open();
            } catch (IOException e) {
                out = fallback;
                String message = "jqga: unable to open the log file (" + e.getMessage() + "); logging to stderr\n";
                try {
                    fallback.write(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // stderr is gone too
                }
            }
        }
        return out;
    }
}
