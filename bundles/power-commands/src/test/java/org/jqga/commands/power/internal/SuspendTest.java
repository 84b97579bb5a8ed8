package org.jqga.commands.power.internal;

import org.jqga.programs.testing.FakeProgram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.NoArguments;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three suspend commands over fake systemctl / pm-utils programs and a fake /sys/power/state. */
class SuspendTest {

    private static final NoArguments NONE = new NoArguments();

    @TempDir
    Path temp;

    private Path bin;
    private Path root;
    private PowerSettings settings;

    @BeforeEach
    void layout() throws Exception {
        bin = Files.createDirectories(temp.resolve("bin"));
        root = temp.resolve("root");
        Files.createDirectories(root.resolve("sys/power"));
        // the search path names only the fake directory: no real program can be found
        settings = new PowerSettings(temp.resolve("sbin"), bin.toString(), root);
    }

    private Path powerState() {
        return root.resolve("sys/power/state");
    }

    private static FakeProgram systemctl(Path bin, int statusExit, int verbExit) throws Exception {
        return FakeProgram.install(bin, "systemctl",
                "case \"$1\" in status) exit " + statusExit + ";; *) exit " + verbExit + ";; esac");
    }

    @Test
    void systemdIsUsedWhenItsUnitExists() throws Exception {
        FakeProgram systemctl = systemctl(bin, 3, 0);
        FakeProgram pm = FakeProgram.exiting(bin, "pm-is-supported", 0, "");
        assertSame(NoResult.INSTANCE, new GuestSuspendRam(settings).execute(NONE, null));
        new GuestSuspendDisk(settings).execute(NONE, null);
        new GuestSuspendHybrid(settings).execute(NONE, null);
        String p = systemctl.program.toString();
        assertEquals(List.of(List.of(p, "status", "systemd-suspend"), List.of(p, "suspend"),
                List.of(p, "status", "systemd-hibernate"), List.of(p, "hibernate"),
                List.of(p, "status", "systemd-hybrid-sleep"), List.of(p, "hybrid-sleep")), systemctl.calls());
        assertEquals(List.of(), pm.calls());
    }

    @Test
    void systemctlStatusZeroOrFourMeansNoSystemdSupport() throws Exception {
        for (int status : new int[] {0, 4}) {
            FakeProgram systemctl = systemctl(bin, status, 0);
            Files.deleteIfExists(bin.resolve("systemctl.calls"));
            CommandException e = assertThrows(CommandException.class, () -> new GuestSuspendRam(settings).execute(NONE, null));
            assertEquals("the requested suspend mode is not supported by the guest", e.desc());
            assertEquals(1, systemctl.calls().size(), "only the status query");
        }
    }

    @Test
    void pmUtilsAreNextWhenSystemdIsAbsent() throws Exception {
        FakeProgram isSupported = FakeProgram.exiting(bin, "pm-is-supported", 0, "");
        FakeProgram hibernate = FakeProgram.exiting(bin, "pm-hibernate", 0, "");
        FakeProgram hybrid = FakeProgram.exiting(bin, "pm-suspend-hybrid", 0, "");
        new GuestSuspendDisk(settings).execute(NONE, null);
        new GuestSuspendHybrid(settings).execute(NONE, null);
        String p = isSupported.program.toString();
        assertEquals(List.of(List.of(p, "--hibernate"), List.of(p, "--suspend-hybrid")), isSupported.calls());
        assertEquals(List.of(List.of(hibernate.program.toString())), hibernate.calls());
        assertEquals(1, hybrid.calls().size());
    }

    @Test
    void pmUtilsWithoutTheSuspendProgramFallsThroughAndReportsIt() throws Exception {
        FakeProgram.exiting(bin, "pm-is-supported", 0, "");
        CommandException e = assertThrows(CommandException.class, () -> new GuestSuspendRam(settings).execute(NONE, null));
        assertEquals("the helper program 'pm-suspend' was not found", e.desc());
    }

    @Test
    void theKernelInterfaceIsTheLastResort() throws Exception {
        FakeProgram.exiting(bin, "pm-is-supported", 1, "");   // pm-utils says: not supported
        Files.writeString(powerState(), "freeze mem disk\n");
        new GuestSuspendRam(settings).execute(NONE, null);
        assertTrue(Files.readString(powerState()).startsWith("mem"), Files.readString(powerState()));
        Files.writeString(powerState(), "freeze mem disk\n");
        new GuestSuspendDisk(settings).execute(NONE, null);
        assertTrue(Files.readString(powerState()).startsWith("disk"), Files.readString(powerState()));
    }

    @Test
    void aModeTheKernelDoesNotListIsNotSupported() throws Exception {
        Files.writeString(powerState(), "freeze mem\n");
        CommandException e = assertThrows(CommandException.class, () -> new GuestSuspendDisk(settings).execute(NONE, null));
        assertEquals("the requested suspend mode is not supported by the guest", e.desc());
        assertEquals("freeze mem\n", Files.readString(powerState()), "nothing written");
    }

    @Test
    void hybridIsNeverDoneThroughTheKernelInterface() throws Exception {
        Files.writeString(powerState(), "freeze mem disk\n");
        CommandException e = assertThrows(CommandException.class, () -> new GuestSuspendHybrid(settings).execute(NONE, null));
        assertEquals("the requested suspend mode is not supported by the guest", e.desc());
        assertEquals("freeze mem disk\n", Files.readString(powerState()));
    }

    @Test
    void nothingAtAllIsNotSupported() {
        CommandException e = assertThrows(CommandException.class, () -> new GuestSuspendRam(settings).execute(NONE, null));
        assertEquals("the requested suspend mode is not supported by the guest", e.desc());
    }

    @Test
    void aFailingSystemdFallsBackToPmUtils() throws Exception {
        FakeProgram systemctl = systemctl(bin, 3, 1);
        FakeProgram.exiting(bin, "pm-is-supported", 0, "");
        FakeProgram pmSuspend = FakeProgram.exiting(bin, "pm-suspend", 0, "");
        new GuestSuspendRam(settings).execute(NONE, null);
        assertEquals(2, systemctl.calls().size());
        assertEquals(1, pmSuspend.calls().size());
    }

    @Test
    void theLastSupportedMechanismsFailureIsReportedRatherThanSilence() throws Exception {
        systemctl(bin, 3, 1);
        CommandException e = assertThrows(CommandException.class, () -> new GuestSuspendRam(settings).execute(NONE, null));
        assertEquals("the helper program 'systemctl suspend' returned an unexpected exit status code (1)", e.desc());

        FakeProgram.exiting(bin, "pm-is-supported", 0, "");
        FakeProgram.exiting(bin, "pm-suspend", 2, "");
        e = assertThrows(CommandException.class, () -> new GuestSuspendRam(settings).execute(NONE, null));
        assertEquals("the helper program 'pm-suspend' returned an unexpected exit status code (2)", e.desc());
    }
}
