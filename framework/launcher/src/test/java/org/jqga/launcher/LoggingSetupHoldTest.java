package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which stderr destinations need holding while frozen: all but character devices (terminals, /dev/null). */
class LoggingSetupHoldTest {

    @TempDir
    Path dir;

    @Test
    void aCharacterDeviceNeverNeedsHolding() {
        assertTrue(LoggingSetup.isCharacterDevice(Path.of("/dev/null")));
    }

    @Test
    void aRegularFileOrAPipeMayBlockAndIsHeld() throws Exception {
        Path file = Files.writeString(dir.resolve("stderr.log"), "");
        assertFalse(LoggingSetup.isCharacterDevice(file));
        Process sleeper = new ProcessBuilder("sleep", "5").start();
        try {
            // the child's stdin is a pipe from this JVM
            assertFalse(LoggingSetup.isCharacterDevice(Path.of("/proc/" + sleeper.pid() + "/fd/0")));
        } finally {
            sleeper.destroy();
        }
        assertFalse(LoggingSetup.isCharacterDevice(dir.resolve("missing")));
    }
}
