package org.jqga.posix;

import java.io.IOException;
import jnr.constants.platform.Errno;

/** A failed libc call: the errno it set and its strerror text, which is also the message. */
public final class PosixException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public PosixException(int errno, String strerror) {
        super(strerror, null);
        this.errno = errno;
    }

    /** The raw errno value. */
    public int errno() {
        return errno;
    }

    /** True when the errno is {@code expected}, e.g. {@code Errno.EAGAIN}. */
    public boolean is(Errno expected) {
        return expected.intValue() == errno;
    }

    /** {@code strerror(errno)}, e.g. "Permission denied": what qemu-ga appends to its error texts. */
    public String strerror() {
        return getMessage();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // errno failures are expected outcomes reported to the host, not bugs; the stack is noise
        return this;
    }
}
