package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SystemPathsTest {

    @Test
    void guestPathsResolveUnderTheRoot() {
        SystemPaths paths = new SystemPaths(Path.of("/srv/capture"));
        assertEquals(Path.of("/srv/capture/proc/stat"), paths.resolve("/proc/stat"));
        assertEquals(Path.of("/srv/capture/etc/os-release"), paths.resolve("etc/os-release"));
    }

    @Test
    void theHostRootLeavesPathsAsTheyAre() {
        assertEquals(Path.of("/sys/devices/system/cpu"), SystemPaths.HOST.resolve("/sys/devices/system/cpu"));
    }
}
