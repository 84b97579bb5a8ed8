package org.jqga.fsfreeze.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jqga.posix.PosixException;

/**
 * A kernel in memory: per mount point a freeze depth, FIFREEZE/FITHAW/FITRIM answers, chosen errors, and a
 * log of every call (shared with {@link RecordingFrozenMode}) so tests can check the order of things.
 */
final class FakeFilesystems implements Filesystems {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int EOPNOTSUPP = 95;

    final List<String> events;
    final Map<String, Integer> depth = new HashMap<>();
    final Map<String, Integer> openErrors = new HashMap<>();
    final Map<String, Integer> freezeErrors = new HashMap<>();
    final Map<String, Integer> trimErrors = new HashMap<>();
    /** Whether FIFREEZE on an already frozen filesystem nests (old kernels) instead of failing with EBUSY. */
    boolean nestedFreezes;
    boolean prepared;

    FakeFilesystems(List<String> events) {
        this.events = events;
    }

    FakeFilesystems() {
        this(new CopyOnWriteArrayList<>());
    }

    synchronized int depthOf(String mountPoint) {
        return depth.getOrDefault(mountPoint, 0);
    }

    @Override
    public void prepare() {
        prepared = true;
    }

    @Override
    public synchronized OpenMount open(String mountPoint) throws PosixException {
        Integer error = openErrors.get(mountPoint);
        if (error != null) {
            events.add("open-failed " + mountPoint);
            throw failure(error);
        }
        return new OpenMount() {
            @Override
            public void freeze() throws PosixException {
                synchronized (FakeFilesystems.this) {
                    Integer error = freezeErrors.get(mountPoint);
                    if (error != null) {
                        events.add("freeze-failed " + mountPoint);
                        throw failure(error);
                    }
                    int current = depthOf(mountPoint);
                    if (current > 0 && !nestedFreezes) {
                        events.add("freeze-busy " + mountPoint);
                        throw failure(EBUSY);
                    }
                    depth.put(mountPoint, current + 1);
                    events.add("freeze " + mountPoint);
                }
            }

            @Override
            public void thaw() throws PosixException {
                synchronized (FakeFilesystems.this) {
                    int current = depthOf(mountPoint);
                    if (current == 0) {
                        throw failure(EINVAL);
                    }
                    depth.put(mountPoint, current - 1);
                    events.add("thaw " + mountPoint);
                }
            }

            @Override
            public Trimmed trim(long minimum) throws PosixException {
                Integer error = trimErrors.get(mountPoint);
                if (error != null) {
                    throw failure(error);
                }
                events.add("trim " + mountPoint + " " + minimum);
                return new Trimmed(4096L * mountPoint.length(), Math.max(minimum, 4096));
            }

            @Override
            public void close() {
            }
        };
    }

    static PosixException failure(int errno) {
        String text = switch (errno) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case EIO -> "Input/output error";
            case EBUSY -> "Device or resource busy";
            case EINVAL -> "Invalid argument";
            case ENOTTY -> "Inappropriate ioctl for device";
            case EOPNOTSUPP -> "Operation not supported";
            default -> "errno " + errno;
        };
        return new PosixException(errno, text);
    }
}
