package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestGetHostNameTest {

    @Test
    void kernelHostName() {
        assertEquals(new GuestGetHostName.HostName("guest-vm.example"),
                new GuestGetHostName(Sysroots.of("guest")).execute(Sysroots.NONE, null));
    }

    @Test
    void localhostWhenUnreadable() {
        assertEquals(new GuestGetHostName.HostName("localhost"),
                new GuestGetHostName(Sysroots.of("bare")).execute(Sysroots.NONE, null));
    }

    @Test
    void readAfreshOnEveryCall(@TempDir Path root) throws Exception {
        Path file = Files.createDirectories(root.resolve("proc/sys/kernel")).resolve("hostname");
        GuestGetHostName command = new GuestGetHostName(new SystemPaths(root));
        Files.writeString(file, "before\n");
        assertEquals(new GuestGetHostName.HostName("before"), command.execute(Sysroots.NONE, null));
        Files.writeString(file, "after\n");
        assertEquals(new GuestGetHostName.HostName("after"), command.execute(Sysroots.NONE, null));
    }

    @Test
    void hostMatchesTheKernel() throws Exception {
        String expected = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(new GuestGetHostName.HostName(expected), new GuestGetHostName(SystemPaths.HOST).execute(Sysroots.NONE, null));
    }
}
