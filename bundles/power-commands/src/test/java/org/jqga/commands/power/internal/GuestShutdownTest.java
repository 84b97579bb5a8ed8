package org.jqga.commands.power.internal;

import org.jqga.programs.testing.FakeProgram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestShutdownTest {

    @TempDir
    Path sbin;

    private GuestShutdown command() {
        return new GuestShutdown(new PowerSettings(sbin, sbin.toString(), sbin.resolve("root")));
    }

    private Object shutdown(String mode) throws CommandException {
        return command().execute(new GuestShutdown.Arguments(mode), null);
    }

    @Test
    void anUnknownModeIsRefusedWithQemuGasTextAndRunsNothing() throws Exception {
        FakeProgram shutdown = FakeProgram.exiting(sbin, "shutdown", 0, "");
        FakeProgram poweroff = FakeProgram.exiting(sbin, "poweroff", 0, "");
        CommandException e = assertThrows(CommandException.class, () -> shutdown("off"));
        assertEquals("mode is invalid (valid values are: halt|powerdown|reboot", e.desc());
        assertEquals(List.of(), shutdown.calls());
        assertEquals(List.of(), poweroff.calls());
    }

    @Test
    void theDedicatedProgramIsPreferredForEachMode() throws Exception {
        FakeProgram shutdown = FakeProgram.exiting(sbin, "shutdown", 0, "");
        FakeProgram poweroff = FakeProgram.exiting(sbin, "poweroff", 0, "");
        FakeProgram halt = FakeProgram.exiting(sbin, "halt", 0, "");
        FakeProgram reboot = FakeProgram.exiting(sbin, "reboot", 0, "");

        assertSame(NoResult.INSTANCE, shutdown(null));
        shutdown("powerdown");
        shutdown("halt");
        shutdown("reboot");

        assertEquals(List.of(List.of(poweroff.program.toString()), List.of(poweroff.program.toString())), poweroff.calls());
        assertEquals(List.of(List.of(halt.program.toString())), halt.calls());
        assertEquals(List.of(List.of(reboot.program.toString())), reboot.calls());
        assertEquals(List.of(), shutdown.calls());
        assertEquals("", poweroff.stdin(), "stdin is /dev/null");
    }

    @Test
    void withoutTheDedicatedProgramShutdownGetsTheModesFlag() throws Exception {
        FakeProgram shutdown = FakeProgram.exiting(sbin, "shutdown", 0, "");
        shutdown(null);
        shutdown("halt");
        shutdown("reboot");
        String program = shutdown.program.toString();
        assertEquals(List.of(
                List.of(program, "-h", "-P", "+0", "hypervisor initiated shutdown"),
                List.of(program, "-h", "-H", "+0", "hypervisor initiated shutdown"),
                List.of(program, "-h", "-r", "+0", "hypervisor initiated shutdown")), shutdown.calls());
    }

    @Test
    void aFailingProgramsOutputIsTheError() throws Exception {
        FakeProgram.exiting(sbin, "poweroff", 1, "Failed to talk to init daemon.\n");
        CommandException e = assertThrows(CommandException.class, () -> shutdown(null));
        assertEquals("child process has failed to shutdown: Failed to talk to init daemon.\n", e.desc());
    }

    @Test
    void aSilentFailureReportsTheExitStatus() throws Exception {
        FakeProgram.exiting(sbin, "shutdown", 3, "");
        CommandException e = assertThrows(CommandException.class, () -> shutdown("reboot"));
        assertEquals("child process has failed to shutdown: exit status 3", e.desc());
    }

    @Test
    void stderrCountsAsOutput() throws Exception {
        FakeProgram.install(sbin, "halt", "echo 'must be root' >&2; exit 1");
        CommandException e = assertThrows(CommandException.class, () -> shutdown("halt"));
        assertEquals("child process has failed to shutdown: must be root\n", e.desc());
    }

    @Test
    void aMissingShutdownProgramIsReportedAsQemuGasFailedExec() {
        CommandException e = assertThrows(CommandException.class, () -> shutdown(null));
        assertEquals("child process has failed to shutdown: failed to exec '" + sbin.resolve("shutdown")
                + "': No such file or directory\n", e.desc());
    }

    @Test
    void aDirectoryNamedLikeTheDedicatedProgramDoesNotCount() throws Exception {
        java.nio.file.Files.createDirectory(sbin.resolve("poweroff"));
        FakeProgram shutdown = FakeProgram.exiting(sbin, "shutdown", 0, "");
        shutdown(null);
        assertEquals(1, shutdown.calls().size());
    }
}
