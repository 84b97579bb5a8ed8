package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void writesPidOwnerOnlyAndRemovesOnClose() throws Exception {
        Path path = dir.resolve("agent.pid");
        try (PidFile pid = PidFile.acquire(path)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(path));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertEquals(path, pid.path());
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void secondHolderInTheSameJvmIsRefused() throws Exception {
        Path path = dir.resolve("agent.pid");
        try (PidFile first = PidFile.acquire(path, 4242)) {
            StartupException e = assertThrows(StartupException.class, () -> PidFile.acquire(path, 1));
            assertEquals("failed to create pidfile: " + path + " is locked by another running instance (pid 4242)",
                    e.getMessage());
            assertEquals("4242\n", Files.readString(path), "the holder's pid file is left alone");
        }
    }

    @Test
    void lockHeldByAnotherProcessIsRefused() throws Exception {
        Path path = dir.resolve("other.pid");
        // flock(1) takes a BSD lock, not fcntl; python's lockf takes the same kind of lock as qemu-ga and Java
        Process holder = new ProcessBuilder("python3", "-c",
                "import fcntl,sys,time\nf=open(sys.argv[1],'w')\nf.write('777\\n');f.flush()\n"
                        + "fcntl.lockf(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\ntime.sleep(30)",
                path.toString()).redirectErrorStream(true).start();
        try {
            String line = new String(holder.getInputStream().readNBytes(7));
            assertEquals("locked\n", line);
            StartupException e = assertThrows(StartupException.class, () -> PidFile.acquire(path));
            assertTrue(e.getMessage().endsWith("is locked by another running instance (pid 777)"), e.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        try (PidFile mine = PidFile.acquire(path)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(path), "stale content replaced");
        }
    }

    @Test
    void removeIsIdempotent() throws Exception {
        Path path = dir.resolve("agent.pid");
        PidFile pid = PidFile.acquire(path);
        pid.remove();
        pid.remove();
        assertFalse(Files.exists(path));
        PidFile.acquire(path).close();
    }

    @Test
    void unwritableLocationFailsClearly() {
        Path path = dir.resolve("no/such/dir/agent.pid");
        StartupException e = assertThrows(StartupException.class, () -> PidFile.acquire(path));
        assertEquals("failed to create pidfile: cannot open " + path + ": No such file or directory", e.getMessage());
    }

    @Test
    void stateDirectoryAdmitsOneInstance() throws IOException, StartupException {
        try (StateDirectory state = StateDirectory.claim(dir, 0, org.slf4j.helpers.NOPLogger.NOP_LOGGER)) {
            assertTrue(Files.isDirectory(state.felixCache()));
            assertEquals("rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jqga"))));
            StartupException e = assertThrows(StartupException.class, () -> StateDirectory.claim(dir, 0, org.slf4j.helpers.NOPLogger.NOP_LOGGER));
            assertEquals("another jqga instance is using the state directory " + dir, e.getMessage());
        }
        StateDirectory.claim(dir, 0, org.slf4j.helpers.NOPLogger.NOP_LOGGER).close();
    }
}
