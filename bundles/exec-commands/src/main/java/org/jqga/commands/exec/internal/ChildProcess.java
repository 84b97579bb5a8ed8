package org.jqga.commands.exec.internal;

import jnr.constants.platform.Errno;
import jnr.constants.platform.WaitFlags;
import jnr.posix.POSIX;
import org.jqga.posix.Posix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program guest-exec started: its pid, the threads moving its pipe data, and its wait status once it
 * has been reaped. The agent reaps it itself with waitpid(2), not through java.lang.Process: only the raw
 * status tells death by signal N from {@code exit(128 + N)}, which Java reports alike.
 */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final int WNOHANG = WaitFlags.WNOHANG.intValue();

    private final long pid;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final InputFeeder stdin;
    /** The raw wait status; null until reaped. Guarded by this. */
    private Integer waitStatus;
    private boolean reaped;
    /** System.nanoTime() when {@link #finished()} first held, for expiry; null before. Guarded by this. */
    private Long finishedAtNanos;

    /** Any of the streams may be null: not captured, or no input. */
    ChildProcess(long pid, OutputCapture stdout, OutputCapture stderr, InputFeeder stdin) {
        this.pid = pid;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = stdin;
    }

    long pid() {
        return pid;
    }

    /** Reaps the child if it has exited, without waiting. */
    synchronized boolean reap() {
        if (reaped) {
            return true;
        }
        POSIX posix = Posix.jnr();
        int[] status = new int[1];
        int result;
        do {
            result = posix.waitpid(pid, status, WNOHANG);
        } while (result < 0 && posix.errno() == Errno.EINTR.intValue());
        if (result == pid) {
            waitStatus = status[0];
            reaped = true;
        } else if (result < 0) {
            // ECHILD: someone else reaped it (or SIGCHLD is ignored); the status is lost, the process is gone
            LOG.warn("guest-exec: pid {} was reaped elsewhere ({}); reporting it as exited without a status", pid,
                    Posix.strerror(posix.errno()));
            reaped = true;
        }
        return reaped;
    }

    /**
     * True once the child has been reaped and every captured pipe reached end of file, so the output
     * is complete: a grandchild still holding a pipe keeps the process running in the host's eyes.
     */
    synchronized boolean finished() {
        boolean finished = reap() && (stdout == null || stdout.atEnd()) && (stderr == null || stderr.atEnd());
        if (finished && finishedAtNanos == null) {
            finishedAtNanos = System.nanoTime();
        }
        return finished;
    }

    /** Nanos since {@link #finished()} first held, or -1 while it does not. */
    synchronized long finishedForNanos() {
        return finishedAtNanos == null ? -1 : System.nanoTime() - finishedAtNanos;
    }

    /** The exited:true report; call only after {@link #finished()} held. */
    synchronized GuestExecStatus.Result report() {
        Integer exitcode = null;
        Integer signal = null;
        if (waitStatus != null) {
            int termination = waitStatus & 0x7f;
            if (termination == 0) {
                exitcode = (waitStatus >> 8) & 0xff;
            } else if (termination != 0x7f) {
                signal = termination;
            }
        }
        byte[] outData = stdout == null ? null : stdout.bytes();
        byte[] errData = stderr == null ? null : stderr.bytes();
        return new GuestExecStatus.Result(true, exitcode, signal, outData, errData,
                outData == null ? null : stdout.truncated(), errData == null ? null : stderr.truncated());
    }

    /**
     * Stops moving data for this child and closes the agent's ends of its pipes; the child itself keeps
     * running (a write to a closed output pipe then fails with EPIPE, as when qemu-ga exits).
     */
    void detach() {
        for (OutputCapture capture : new OutputCapture[] {stdout, stderr}) {
            if (capture != null) {
                capture.close();
            }
        }
        if (stdin != null) {
            stdin.close();
        }
    }
}
