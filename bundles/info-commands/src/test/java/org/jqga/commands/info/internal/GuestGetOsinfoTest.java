package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestGetOsinfoTest {

    private static GuestGetOsinfo.OsInfo osinfo(String sysroot, Map<String, String> environment) {
        return (GuestGetOsinfo.OsInfo) new GuestGetOsinfo(Sysroots.of(sysroot), environment::get).execute(Sysroots.NONE, null);
    }

    @Test
    void sampleGuest() {
        assertEquals(new GuestGetOsinfo.OsInfo("6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
                        "x86_64", "testlinux", "Test Linux", "Test Linux 12 \"Bookworm\" $HOME `x` \\ \\q",
                        "12 (bookworm edition)", "12", "Server Edition", "unterminated value"),
                osinfo("guest", Map.of()));
    }

    @Test
    void environmentOverridesTheFile() {
        GuestGetOsinfo.OsInfo info = osinfo("guest", Map.of("QGA_OS_RELEASE", "/usr/lib/os-release"));
        assertEquals("fallback", info.id());
        assertEquals("Fallback Linux", info.name());
        assertEquals(null, info.prettyName());
    }

    @Test
    void unreadableOverrideHasNoFallback() {
        GuestGetOsinfo.OsInfo info = osinfo("guest", Map.of("QGA_OS_RELEASE", "/nonexistent"));
        assertEquals(null, info.id());
        assertEquals("6.1.0-18-amd64", info.kernelRelease());
    }

    @Test
    void invalidEtcFileFallsBackToUsrLib() {
        GuestGetOsinfo.OsInfo info = osinfo("broken", Map.of());
        assertEquals("fallback", info.id());
        assertEquals("Fallback Linux", info.name());
    }

    @Test
    void nothingReadableLeavesOnlyTheMachineFromTheJvm() {
        assertEquals(new GuestGetOsinfo.OsInfo(null, null, KernelIdentity.unameMachine(System.getProperty("os.arch")),
                null, null, null, null, null, null, null), osinfo("bare", Map.of()));
    }

    @Test
    void kernelIsReadOnceAndOsReleaseAtEveryCall(@TempDir Path root) throws IOException {
        write(root, "proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        write(root, "proc/sys/kernel/version", "#1 SMP\n");
        write(root, "etc/os-release", "ID=before\n");
        GuestGetOsinfo command = new GuestGetOsinfo(new SystemPaths(root), name -> null);
        assertEquals("6.1.0-18-amd64", run(command).kernelRelease());

        write(root, "proc/sys/kernel/osrelease", "9.9.9-changed\n");
        write(root, "etc/os-release", "ID=after\n");
        GuestGetOsinfo.OsInfo second = run(command);
        assertEquals("6.1.0-18-amd64", second.kernelRelease());
        assertEquals("#1 SMP", second.kernelVersion());
        assertEquals("after", second.id());
    }

    @Test
    void aKernelIdentityNotFoundIsLookedForAgain(@TempDir Path root) throws IOException {
        GuestGetOsinfo command = new GuestGetOsinfo(new SystemPaths(root), name -> null);
        assertEquals(null, run(command).kernelRelease());

        write(root, "proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        write(root, "proc/sys/kernel/version", "#1 SMP\n");
        assertEquals("6.1.0-18-amd64", run(command).kernelRelease());
    }

    private static GuestGetOsinfo.OsInfo run(GuestGetOsinfo command) {
        return (GuestGetOsinfo.OsInfo) command.execute(Sysroots.NONE, null);
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void jvmArchitecturesInUnameSpelling() {
        assertEquals("x86_64", KernelIdentity.unameMachine("amd64"));
        assertEquals("aarch64", KernelIdentity.unameMachine("aarch64"));
        assertEquals("i686", KernelIdentity.unameMachine("x86"));
        assertEquals("s390x", KernelIdentity.unameMachine("s390x"));
    }
}
