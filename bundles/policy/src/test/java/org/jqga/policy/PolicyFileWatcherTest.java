package org.jqga.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileWatcherTest {

    @TempDir
    Path dir;

    @Test
    void writesAndAtomicReplacementsAreSeen() throws Exception {
        Path file = dir.resolve("jqga-policy.json");
        Semaphore changes = new Semaphore(0);
        try (PolicyFileWatcher watcher = new PolicyFileWatcher(file, changes::release)) {
            watcher.start();
            Thread.sleep(100);
            Files.writeString(file, "{}");
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "creation seen");
            Path staged = Files.writeString(dir.resolve("staged.tmp"), "{\"block\": []}");
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "rename over it seen");
        }
    }

    @Test
    void aBurstOfWritesIsOneCallback() throws Exception {
        Path file = dir.resolve("jqga-policy.json");
        Semaphore changes = new Semaphore(0);
        try (PolicyFileWatcher watcher = new PolicyFileWatcher(file, changes::release)) {
            watcher.start();
            Thread.sleep(100);
            for (int i = 0; i < 10; i++) {
                Files.writeString(file, "{\"comment\": \"" + i + "\"}");
                Thread.sleep(10);
            }
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS));
            Thread.sleep(PolicyFileWatcher.DEBOUNCE_MILLIS * 2);
            assertTrue(changes.availablePermits() <= 1, "debounced: " + changes.availablePermits());
        }
    }
}
