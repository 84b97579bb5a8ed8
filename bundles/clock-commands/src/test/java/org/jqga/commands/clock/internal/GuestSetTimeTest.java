package org.jqga.commands.clock.internal;

import org.jqga.programs.testing.FakeProgram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guest-set-time over a fake date and a fake hwclock: the real clocks are never touched. */
class GuestSetTimeTest {

    @TempDir
    Path bin;

    private FakeProgram date;
    private FakeProgram hwclock;

    @BeforeEach
    void fakes() throws Exception {
        date = FakeProgram.exiting(bin, "date", 0, "Thu Nov 14 22:13:20 UTC 2023\n");
        hwclock = FakeProgram.exiting(bin, "hwclock", 0, "");
    }

    private Object setTime(Long time) throws CommandException {
        return setTime(time, ZoneOffset.UTC);
    }

    private Object setTime(Long time, ZoneId zone) throws CommandException {
        return new GuestSetTime(new ClockPrograms(date.program, hwclock.program), zone)
                .execute(new GuestSetTime.Arguments(time), null);
    }

    @Test
    void aTimeSetsTheSystemClockToTheMicrosecondThenTheRtc() throws Exception {
        assertSame(NoResult.INSTANCE, setTime(1_700_000_000_123_456_789L));
        assertEquals(List.of(List.of(date.program.toString(), "-u", "-s", "@1700000000.123456")), date.calls());
        assertEquals(List.of(List.of(hwclock.program.toString(), "-w")), hwclock.calls());
    }

    @Test
    void microsecondsArePaddedAndTheEpochItselfIsAllowed() throws Exception {
        setTime(5_000L);
        setTime(0L);
        assertEquals(List.of(List.of(date.program.toString(), "-u", "-s", "@0.000005"),
                List.of(date.program.toString(), "-u", "-s", "@0.000000")), date.calls());
    }

    @Test
    void withoutATimeTheSystemClockComesFromTheRtc() throws Exception {
        setTime(null);
        assertEquals(List.of(), date.calls());
        assertEquals(List.of(List.of(hwclock.program.toString(), "-s")), hwclock.calls());
    }

    @Test
    void yearsOutside1970To2069AreRefusedBeforeAnythingRuns() throws Exception {
        long year2070 = 3_155_760_000L * 1_000_000_000L;   // 2070-01-01T00:00:00Z
        for (long time : new long[] {year2070, Long.MAX_VALUE, -1_000_000_000L, Long.MIN_VALUE}) {
            CommandException e = assertThrows(CommandException.class, () -> setTime(time));
            assertEquals("Invalid time: Invalid argument", e.desc(), Long.toString(time));
        }
        setTime(year2070 - 1_000_000_000L);   // 2069-12-31T23:59:59Z
        assertEquals(1, date.calls().size());
        assertEquals(1, hwclock.calls().size());
    }

    @Test
    void theYearIsJudgedInTheGuestsLocalZoneAsQemuGaDoes() throws Exception {
        // 1969-12-31T23:00:00Z is already 1970 in Berlin (UTC+1), and 1970-01-01T00:30Z is still 1969 in New York
        setTime(-3_600L * 1_000_000_000L, ZoneId.of("Europe/Berlin"));
        assertEquals(1, date.calls().size());
        CommandException e = assertThrows(CommandException.class,
                () -> setTime(1_800L * 1_000_000_000L, ZoneId.of("America/New_York")));
        assertEquals("Invalid time: Invalid argument", e.desc());
    }

    @Test
    void aNegativeFractionJustAfterTheEpochIsWhatSettimeofdayRefuses() throws Exception {
        CommandException e = assertThrows(CommandException.class, () -> setTime(-1_000L, ZoneId.of("Europe/Berlin")));
        assertEquals("Failed to set time to guest: Invalid argument", e.desc());
        assertEquals(List.of(), date.calls());
        assertEquals(List.of(), hwclock.calls());
    }

    @Test
    void aFailingClockProgramStopsBeforeTheRtc() throws Exception {
        date = FakeProgram.exiting(bin, "date", 1, "date: cannot set date: Operation not permitted\n");
        CommandException e = assertThrows(CommandException.class, () -> setTime(1_700_000_000_000_000_000L));
        assertEquals("Failed to set time to guest: date: cannot set date: Operation not permitted", e.desc());
        assertEquals(List.of(), hwclock.calls());

        date = FakeProgram.exiting(bin, "date", 4, "");
        e = assertThrows(CommandException.class, () -> setTime(1_700_000_000_000_000_000L));
        assertEquals("Failed to set time to guest: exit status 4", e.desc());
    }

    @Test
    void aMissingClockProgramIsReported() {
        Path missing = bin.resolve("no-date");
        CommandException e = assertThrows(CommandException.class, () -> new GuestSetTime(
                new ClockPrograms(missing, hwclock.program), ZoneOffset.UTC).execute(new GuestSetTime.Arguments(0L), null));
        assertEquals("Failed to set time to guest: failed to exec '" + missing + "': No such file or directory", e.desc());
    }

    @Test
    void hwclockFailuresCarryItsOutput() throws Exception {
        hwclock = FakeProgram.exiting(bin, "hwclock", 1, "hwclock: Cannot access the Hardware Clock via any known method.\n");
        CommandException e = assertThrows(CommandException.class, () -> setTime(null));
        assertEquals("child process has failed to set hardware clock to system time: "
                + "hwclock: Cannot access the Hardware Clock via any known method.\n", e.desc());
        hwclock = FakeProgram.exiting(bin, "hwclock", 2, "");
        e = assertThrows(CommandException.class, () -> setTime(0L));
        assertEquals("child process has failed to set hardware clock to system time: exit status 2", e.desc());
    }

    @Test
    void aMissingHwclockIsReportedAsQemuGasFailedExec() {
        Path missing = bin.resolve("no-hwclock");
        CommandException e = assertThrows(CommandException.class, () -> new GuestSetTime(
                new ClockPrograms(date.program, missing), ZoneOffset.UTC).execute(new GuestSetTime.Arguments(null), null));
        assertEquals("child process has failed to set hardware clock to system time: failed to exec '" + missing
                + "': No such file or directory\n", e.desc());
    }
}
