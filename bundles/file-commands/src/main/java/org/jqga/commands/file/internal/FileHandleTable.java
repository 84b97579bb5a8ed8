package org.jqga.commands.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import org.jqga.api.CommandException;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open guest-file handles, shared by the six guest-file-* commands.
 *
 * <p>Handles are numbered as qemu-ga numbers them: from a counter kept in {@code <statedir>/qga.state},
 * starting at 1000, never reused, and stored before a handle is handed out, so numbering continues across
 * agent restarts and a host can never confuse an old handle with a new file. The counter file is read on
 * the first open, not at activation: a corrupt file makes guest-file-open fail with qemu-ga's
 * "failed to load persistent state" until it is repaired, rather than stopping the agent.
 *
 * <p>Beyond qemu-ga, the number of open handles is limited (framework property
 * {@value #MAX_HANDLES_PROPERTY}, default {@value #DEFAULT_MAX_HANDLES}) so a host cannot exhaust the
 * agent's descriptors. When this component is deactivated (bundle stopped or updated) every handle is
 * closed; the host then gets "handle 'N' has not been found" for them, as after a qemu-ga restart.
 */
// immediate: the table must outlive the delayed command components, which DS disposes between requests
@Component(service = FileHandleTable.class, immediate = true)
public final class FileHandleTable {

    static final String STATE_DIR_PROPERTY = "org.jqga.statedir";
    static final String MAX_HANDLES_PROPERTY = "org.jqga.file.maxHandles";
    static final String DEFAULT_STATE_DIR = "/var/run";
    static final int DEFAULT_MAX_HANDLES = 1024;

    /** Permissions of a file guest-file-open creates, whatever the agent's umask: rw-rw-rw-. */
    static final int NEW_FILE_MODE = 0666;

    private static final Logger LOG = LoggerFactory.getLogger(FileHandleTable.class);

    private final StateFile stateFile;
    private final int maxHandles;
    private final Map<Long, OpenFile> files = new ConcurrentHashMap<>();
    /** Open handles plus opens in progress: reserved before the descriptor exists, so nothing leaks. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final Object counterLock = new Object();
    private long nextHandle = -1;
    private boolean shutDown;

    @Activate
    public FileHandleTable(BundleContext context) {
        this(Path.of(propertyOr(context, STATE_DIR_PROPERTY, DEFAULT_STATE_DIR)), maxHandles(context));
    }

    public FileHandleTable(Path stateDir, int maxHandles) {
        this.stateFile = new StateFile(stateDir);
        this.maxHandles = maxHandles;
    }

    /** Opens {@code path} and returns its new handle; the error texts are qemu-ga's. */
    long open(String path, FileOpenMode mode) throws CommandException {
        return open(path, path, mode);
    }

    /**
     * Opens {@code target}, the policy-checked resolution of the host's {@code path}, so that the file checked is
     * the file opened; messages name {@code path}, as the host wrote it.
     */
    long open(String path, String target, FileOpenMode mode) throws CommandException {
        if (reserved.incrementAndGet() > maxHandles) {
            reserved.decrementAndGet();
            throw CommandException.genericError(describe(path, mode) + ": too many open guest files (the agent's limit is "
                    + maxHandles + "; close some with guest-file-close)");
        }
        int fd = -1;
        try {
            fd = openDescriptor(path, target, mode);
            OpenFile file = new OpenFile(nextHandle(), fd);
            register(file);
            LOG.info("guest-file-open: handle {} for '{}' (mode '{}')", file.handle(), path, mode.text());
            return file.handle();
        } catch (CommandException | RuntimeException | Error e) {
            if (fd >= 0) {
                closeQuietly(fd);
            }
            reserved.decrementAndGet();
            throw e;
        }
    }

    /** The open file behind {@code handle}, or qemu-ga's "has not been found" error. */
    OpenFile get(long handle) throws CommandException {
        OpenFile file = files.get(handle);
        if (file == null) {
            throw notFound(handle);
        }
        return file;
    }

    /** Removes {@code handle} and closes its descriptor; the handle is gone even if close(2) reports an error. */
    void close(long handle) throws CommandException {
        OpenFile file = files.remove(handle);
        if (file == null) {
            throw notFound(handle);
        }
        reserved.decrementAndGet();
        LOG.info("guest-file-close: handle {}", handle);
        file.close();
    }

    int openCount() {
        return files.size();
    }

    @Deactivate
    void closeAll() {
        synchronized (files) {
            shutDown = true;
        }
        for (Long handle : new ArrayList<>(files.keySet())) {
            OpenFile file = files.remove(handle);
            if (file != null) {
                reserved.decrementAndGet();
                file.closeQuietly();
            }
        }
    }

    static CommandException notFound(long handle) {
        return CommandException.genericError("handle '" + handle + "' has not been found");
    }

    /**
     * For creating modes the file is first created exclusively, so only a file this call made gets
     * {@link #NEW_FILE_MODE}; an existing file is opened as it is and keeps its permissions.
     */
    private static int openDescriptor(String path, String target, FileOpenMode mode) throws CommandException {
        try {
            if (!mode.creates()) {
                return Posix.openNonBlocking(target, mode.flags(), 0);
            }
            int fd;
            try {
                fd = Posix.openNonBlocking(target, mode.flags() | OpenFlags.O_EXCL.intValue(), 0);
            } catch (PosixException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
                return Posix.openNonBlocking(target, mode.flagsForExisting(), 0);
            }
            try {
                Posix.fchmod(fd, NEW_FILE_MODE);
            } catch (PosixException e) {
                closeQuietly(fd);
                deleteQuietly(target);
                throw CommandException.genericError("failed to set permission 0666 on new file '" + path
                        + "' (mode: '" + mode.text() + "'): " + e.strerror());
            }
            return fd;
        } catch (PosixException e) {
            throw CommandException.genericError("failed to open file '" + path + "' (mode: '" + mode.text() + "'): "
                    + e.strerror());
        }
    }

    /** Takes the next handle and stores the counter past it before anyone may use the handle. */
    private long nextHandle() throws CommandException {
        synchronized (counterLock) {
            if (nextHandle < 0) {
                try {
                    nextHandle = stateFile.loadFdCounter();
                } catch (IOException e) {
                    LOG.error("cannot read {}: {}", stateFile.path(), e.toString());
                    throw CommandException.genericError("failed to load persistent state");
                }
            }
            long handle = nextHandle++;
            try {
                stateFile.storeFdCounter(nextHandle);
            } catch (IOException e) {
                LOG.error("cannot write {}: {}", stateFile.path(), e.toString());
                throw CommandException.genericError("failed to commit persistent state to disk");
            }
            return handle;
        }
    }

    private void register(OpenFile file) throws CommandException {
        synchronized (files) {
            if (shutDown) {
                throw CommandException.genericError("guest-file commands are shutting down");
            }
            files.put(file.handle(), file);
        }
    }

    private static String describe(String path, FileOpenMode mode) {
        return "failed to open file '" + path + "' (mode: '" + mode.text() + "')";
    }

    private static void closeQuietly(int fd) {
        try {
            Posix.close(fd);
        } catch (PosixException e) {
            // the descriptor is released anyway; the caller is already reporting the failure that matters
        }
    }

    private static void deleteQuietly(String path) {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove '{}' after failing to set its permissions: {}", path, e.toString());
        }
    }

    private static String propertyOr(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int maxHandles(BundleContext context) {
        String value = propertyOr(context, MAX_HANDLES_PROPERTY, Integer.toString(DEFAULT_MAX_HANDLES));
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the default
        }
        LOG.warn("{}={} is not a positive integer; using {}", MAX_HANDLES_PROPERTY, value, DEFAULT_MAX_HANDLES);
        return DEFAULT_MAX_HANDLES;
    }
}
