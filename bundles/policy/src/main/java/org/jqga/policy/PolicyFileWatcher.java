package org.jqga.policy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the policy file may have changed. A WatchService on the file's directory gives prompt events;
 * events are debounced (an editor's write-rename-chmod burst becomes one reload), and a periodic look at the file's
 * size, time and inode backs the watch up where it sees nothing (directory missing at start, some network or bind
 * mounts). One daemon thread.
 */
final class PolicyFileWatcher implements AutoCloseable {

    static final long DEBOUNCE_MILLIS = 200;
    static final long POLL_MILLIS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFileWatcher.class);

    private final Path file;
    private final Runnable changed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile WatchService watchService;

    PolicyFileWatcher(Path file, Runnable changed) {
        this.file = file.toAbsolutePath();
        this.changed = changed;
        this.thread = new Thread(this::run, "jqga-policy-watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Object lastSeen = fingerprint();
        WatchKey key = register();
        while (!closed) {
            try {
                boolean event = awaitEvent(key);
                if (closed) {
                    return;
                }
                if (event) {
                    // debounce: wait until the directory has been quiet for a while
                    while (awaitEvent(key, DEBOUNCE_MILLIS)) {
                        if (closed) {
                            return;
                        }
                    }
                }
                Object now = fingerprint();
                if (event || !Objects.equals(now, lastSeen)) {
                    lastSeen = now;
                    changed.run();
                }
                if (key == null || !key.isValid()) {
                    key = register();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("policy file watcher: reload failed", e);
            }
        }
    }

    private boolean awaitEvent(WatchKey key) throws InterruptedException {
        return awaitEvent(key, POLL_MILLIS);
    }

    /** True if an event about our file arrived within the time. */
    private boolean awaitEvent(WatchKey key, long millis) throws InterruptedException {
        if (key == null) {
            Thread.sleep(millis);
            return false;
        }
        WatchKey signalled = watchService.poll(millis, TimeUnit.MILLISECONDS);
        if (signalled == null) {
            return false;
        }
        boolean ours = false;
        for (WatchEvent<?> event : signalled.pollEvents()) {
            Object context = event.context();
            if (event.kind() == StandardWatchEventKinds.OVERFLOW
                    || (context instanceof Path name && name.equals(file.getFileName()))) {
                ours = true;
            }
        }
        signalled.reset();
        return ours;
    }

    private WatchKey register() {
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return null;
        }
        try {
            if (watchService == null) {
                watchService = FileSystems.getDefault().newWatchService();
            }
            return directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}); checking the policy file every {} ms instead", directory, e.getMessage(), POLL_MILLIS);
            return null;
        }
    }

    private Object fingerprint() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.List.of(String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            if (watchService != null) {
                watchService.close();
            }
            thread.join(2000);
        } catch (IOException e) {
            LOG.debug("closing the policy watch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
