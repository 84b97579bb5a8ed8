package org.jqga.fsfreeze.internal;

import static org.jqga.fsfreeze.internal.FreezerFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.jqga.api.NoArguments;
import org.jqga.posix.mounts.BlockDevices;
import org.jqga.posix.mounts.MountTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freeze, thaw, status and the frozen state against an in-memory kernel. */
class FreezerTest {

    @TempDir
    Path temp;

    @Test
    void freezeAllFreezesInReverseTableOrderAfterMarkerAndFrozenMode() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/", "/boot", "/home");
        assertEquals("thawed", f.status());

        assertEquals(3, f.freezeAll());

        assertEquals(List.of("enter (marker present)", "freeze /home", "freeze /boot", "freeze /"), f.kernel.events);
        assertTrue(f.kernel.prepared, "native binding loaded before freezing");
        assertEquals("frozen", f.status());
        assertTrue(f.marker.exists());
        assertTrue(f.mode.entered());
    }

    @Test
    void thawThawsInTableOrderThenLeavesFrozenModeAndDeletesTheMarker() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/", "/boot");
        f.freezeAll();
        f.kernel.events.clear();

        assertEquals(2, f.thaw());

        assertEquals(List.of("thaw /", "thaw /boot", "leave (no marker)"), f.kernel.events);
        assertEquals("thawed", f.status());
        assertFalse(f.marker.exists());
        assertFalse(f.mode.entered());
    }

    @Test
    void freezeListMatchesMountPointsExactlyAndIgnoresUnknownOnes() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/", "/srv/data", "/srv/logs");

        assertEquals(1, f.freeze("/srv/data", "/srv/data/", "/srv//logs", "/nowhere", "/srv/data"));

        assertEquals(1, f.kernel.depthOf("/srv/data"));
        assertEquals(0, f.kernel.depthOf("/srv/logs"));
        assertEquals(0, f.kernel.depthOf("/"));
        assertEquals("frozen", f.status());
    }

    @Test
    void mountPointsWithEscapedCharactersMatchTheirDecodedName() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/mnt/my disk");
        assertEquals(1, f.freeze("/mnt/my disk"));
        assertEquals(1, f.kernel.depthOf("/mnt/my disk"));
    }

    @Test
    void aListThatMatchesNothingFreezesNothingAndLeavesTheAgentThawed() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/", "/boot");

        assertEquals(0, f.freeze("/not-mounted"));

        assertEquals(List.of("enter (marker present)", "leave (no marker)"), f.kernel.events);
        assertEquals("thawed", f.status());
        assertFalse(f.marker.exists());
    }

    @Test
    void anEmptyListFreezesNothing() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/");
        assertEquals(0, f.freeze());
        assertEquals(0, f.kernel.depthOf("/"));
        assertEquals("thawed", f.status());
    }

    @Test
    void eopnotsuppAndEbusyAreIgnoredAndNotCounted() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a", "/b", "/c");
        f.kernel.freezeErrors.put("/a", FakeFilesystems.EOPNOTSUPP);
        f.kernel.depth.put("/b", 1);

        assertEquals(1, f.freezeAll());

        assertEquals(List.of("enter (marker present)", "freeze /c", "freeze-busy /b", "freeze-failed /a"),
                f.kernel.events);
        assertEquals("frozen", f.status());
    }

    @Test
    void onlyIgnoredErrorsMeansZeroAndThawed() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a");
        f.kernel.freezeErrors.put("/a", FakeFilesystems.EOPNOTSUPP);
        assertEquals(0, f.freezeAll());
        assertEquals("thawed", f.status());
        assertFalse(f.marker.exists());
    }

    @Test
    void aFreezeErrorThawsWhatThisCallFrozeAndReportsQemuGasText() throws Exception {
        HookScript hook = new HookScript(temp, 0, 0);
        FreezerFixture f = new FreezerFixture(temp, new FreezeHook(hook.script), Duration.ZERO,
                "/a", "/b", "/c", "/d");
        f.kernel.freezeErrors.put("/b", FakeFilesystems.EIO);
        f.kernel.depth.put("/d", 1); // frozen by someone else: EBUSY, and left to its owner

        assertError("failed to freeze /b: Input/output error", f::freezeAll);

        assertEquals(List.of("enter (marker present)", "freeze-busy /d", "freeze /c", "freeze-failed /b",
                "thaw /c", "leave (no marker)"), f.kernel.events);
        assertEquals(0, f.kernel.depthOf("/c"));
        assertEquals(1, f.kernel.depthOf("/d"));
        assertEquals("thawed", f.status());
        assertFalse(f.marker.exists());
        assertEquals(List.of("freeze", "thaw"), hook.calls());
    }

    @Test
    void anOpenFailureIsAnErrorAndThawsToo() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a", "/b");
        f.kernel.openErrors.put("/a", FakeFilesystems.ENOENT);

        assertError("failed to open /a: No such file or directory", () -> f.freeze("/a", "/b"));

        assertEquals(0, f.kernel.depthOf("/b"));
        assertEquals("thawed", f.status());
    }

    @Test
    void aFailureOfTheFreezeLoopItselfStillThaws() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a", "/b");
        Filesystems exploding = new Filesystems() {
            @Override
            public void prepare() {
            }

            @Override
            public OpenMount open(String mountPoint) throws org.jqga.posix.PosixException {
                if (mountPoint.equals("/a")) {
                    throw new IllegalStateException("boom");
                }
                return f.kernel.open(mountPoint);
            }
        };
        Freezer freezer = new Freezer(new MountTable(f.mountinfo, null, p -> new BlockDevices.Other()), exploding,
                new FreezeHook(null), f.marker, f.mode, Duration.ZERO, java.time.Clock.systemUTC());

        try {
            freezer.freeze("guest-fsfreeze-freeze", null);
            throw new AssertionError("no failure");
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        assertEquals(0, f.kernel.depthOf("/b"));
        assertEquals("thawed", freezer.status());
        assertFalse(f.marker.exists());
    }

    @Test
    void aSecondFreezeWhileFrozenIsRefusedLikeTheEngineDoes() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a");
        f.freezeAll();
        CommandException e = assertError(
                "Command guest-fsfreeze-freeze-list has been disabled: the agent is in frozen state",
                () -> f.freeze("/a"));
        assertEquals(ErrorClass.CommandNotFound, e.errorClass());
        assertEquals(1, f.kernel.depthOf("/a"));
    }

    @Test
    void thawRepeatsFithawUntilItFailsAndCountsFilesystemsNotCalls() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a", "/b", "/c");
        f.kernel.nestedFreezes = true;
        f.freeze("/a");
        f.kernel.depth.put("/b", 3); // frozen three times by someone else (old kernels nest)

        assertEquals(2, f.thaw());

        assertEquals(0, f.kernel.depthOf("/a"));
        assertEquals(0, f.kernel.depthOf("/b"));
        assertEquals(0, f.thaw());
    }

    @Test
    void thawWhileThawedReturnsZeroAndStillRunsTheHook() throws Exception {
        HookScript hook = new HookScript(temp, 0, 0);
        FreezerFixture f = new FreezerFixture(temp, new FreezeHook(hook.script), Duration.ZERO, "/a");
        assertEquals(0, f.thaw());
        assertEquals(List.of("thaw"), hook.calls());
        assertFalse(f.kernel.events.contains("leave (no marker)"));
    }

    @Test
    void thawSkipsMountsThatCannotBeOpened() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a", "/b");
        f.freezeAll();
        f.kernel.openErrors.put("/a", FakeFilesystems.EPERM);
        assertEquals(1, f.thaw());
        assertEquals(1, f.kernel.depthOf("/a"));
        assertEquals("thawed", f.status());
    }

    @Test
    void thawWithoutAMountTableFailsAndStaysFrozen() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a");
        f.freezeAll();
        Files.delete(f.mountinfo);

        assertError("failed to open mtab file: '" + f.mountinfo + "'", f::thaw);

        assertEquals("frozen", f.status());
        assertTrue(f.marker.exists());
        assertEquals(1, f.kernel.depthOf("/a"));
    }

    @Test
    void freezeWithoutAMountTableFailsBeforeAnythingChanges() throws Exception {
        HookScript hook = new HookScript(temp, 0, 0);
        FreezerFixture f = new FreezerFixture(temp, new FreezeHook(hook.script), Duration.ZERO, "/a");
        Files.delete(f.mountinfo);

        assertError("failed to open mtab file: '" + f.mountinfo + "'", f::freezeAll);

        assertEquals(List.of(), f.kernel.events);
        assertEquals("thawed", f.status());
        assertEquals(List.of("freeze", "thaw"), hook.calls());
    }

    @Test
    void theMarkerOfAPreviousAgentBringsTheAgentUpFrozen() throws Exception {
        FreezerFixture before = new FreezerFixture(temp, "/a");
        before.freezeAll();
        // the agent is killed here; a new one starts on the same state directory
        FreezerFixture f = new FreezerFixture(temp, "/a");

        assertEquals("frozen", f.status());
        assertTrue(f.mode.entered());
        assertEquals("enter (marker present)", f.kernel.events.get(0));
        assertError("Command guest-fsfreeze-freeze has been disabled: the agent is in frozen state", f::freezeAll);

        f.kernel.depth.putAll(before.kernel.depth); // the same kernel, really
        assertEquals(1, f.thaw());
        assertEquals("thawed", f.status());
        assertFalse(f.marker.exists());
        assertFalse(f.mode.entered());
    }

    @Test
    void aStaleMarkerIsClearedByAThawThatFindsNothingFrozen() throws Exception {
        Files.createDirectories(temp.resolve("state"));
        Files.createFile(temp.resolve("state").resolve("qga.state.isfrozen"));
        FreezerFixture f = new FreezerFixture(temp, "/a");
        assertEquals("frozen", f.status());
        assertEquals(0, f.thaw());
        assertEquals("thawed", f.status());
        assertFalse(f.marker.exists());
    }

    @Test
    void anUnwritableStateDirectoryDoesNotPreventFreezing() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a");
        Files.delete(f.stateDir);
        assertEquals(1, f.freezeAll());
        assertEquals("frozen", f.status());
        assertEquals(1, f.thaw());
        assertEquals("thawed", f.status());
    }

    @Test
    void stoppingTheBundleWhileFrozenThaws() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a");
        f.freezeAll();
        f.freezer.deactivate();
        assertEquals(0, f.kernel.depthOf("/a"));
        assertFalse(f.marker.exists());
        assertFalse(f.mode.entered());
    }

    @Test
    void theWatchdogThawsWhenTheHostDoesNot() throws Exception {
        HookScript hook = new HookScript(temp, 0, 0);
        FreezerFixture f = new FreezerFixture(temp, new FreezeHook(hook.script), Duration.ofMillis(300), "/a");
        assertEquals(1, f.freezeAll());
        assertEquals("frozen", f.status());

        awaitThawed(f, Duration.ofSeconds(10));

        assertEquals(0, f.kernel.depthOf("/a"));
        assertFalse(f.marker.exists());
        assertEquals(List.of("freeze", "thaw"), hook.calls());
        f.freezer.deactivate();
    }

    @Test
    void theWatchdogOfAnEarlierFreezeDoesNotCutANewOneShort() throws Exception {
        Duration delay = Duration.ofMillis(1500);
        FreezerFixture f = new FreezerFixture(temp, new FreezeHook(null), delay, "/a");
        f.freezeAll();
        Thread.sleep(700);
        f.thaw();
        long refrozenAt = System.nanoTime();
        f.freezeAll();

        Thread.sleep(1000); // past the first freeze's deadline, before the second's
        if (System.nanoTime() - refrozenAt < delay.toNanos() - 200_000_000L) {
            assertEquals("frozen", f.status());
        }
        awaitThawed(f, Duration.ofSeconds(10));
        f.freezer.deactivate();
    }

    @Test
    void theWatchdogAlsoCoversAStateRestoredFromTheMarker() throws Exception {
        Files.createDirectories(temp.resolve("state"));
        Files.createFile(temp.resolve("state").resolve("qga.state.isfrozen"));
        FreezerFixture f = new FreezerFixture(temp, new FreezeHook(null), Duration.ofMillis(200), "/a");
        assertEquals("frozen", f.status());
        awaitThawed(f, Duration.ofSeconds(10));
        assertFalse(f.marker.exists());
        f.freezer.deactivate();
    }

    @Test
    void autoThawPropertyIsSecondsAndOffByDefault() {
        assertEquals(Duration.ZERO, Freezer.autoThawDelay(null));
        assertEquals(Duration.ZERO, Freezer.autoThawDelay(""));
        assertEquals(Duration.ZERO, Freezer.autoThawDelay("0"));
        assertEquals(Duration.ofSeconds(30), Freezer.autoThawDelay(" 30 "));
        assertEquals(Duration.ZERO, Freezer.autoThawDelay("-5"));
        assertEquals(Duration.ZERO, Freezer.autoThawDelay("soon"));
    }

    @Test
    void reportShowsTheAgentsRecordAndWhyOthersWereLeftAlone() throws Exception {
        FreezerFixture f = new FreezerFixture(temp, "/a", "/b", "/c");
        f.kernel.freezeErrors.put("/c", FakeFilesystems.EOPNOTSUPP);
        f.freeze("/a", "/c");

        FsfreezeReport report = f.report.execute(new NoArguments(), null);

        assertEquals("frozen", report.status());
        assertEquals(false, report.restoredFromMarker());
        assertTrue(report.frozenSince() > 0);
        assertNull(report.autoThawSeconds());
        assertTrue(report.source().contains("agent's own record"));
        assertEquals(List.of(
                new FsfreezeReport.Entry("/a", "ext4", "8:1", true, null),
                new FsfreezeReport.Entry("/b", "ext4", "8:2", false, "not in the requested list"),
                new FsfreezeReport.Entry("/c", "ext4", "8:3", false, "the filesystem cannot be frozen (EOPNOTSUPP)"),
                new FsfreezeReport.Entry("/proc", "proc", "0:20", false,
                        "never frozen: device major 0 (not backed by a block device)")), report.mounts());

        f.thaw();
        FsfreezeReport thawed = f.report.execute(new NoArguments(), null);
        assertEquals("thawed", thawed.status());
        assertNull(thawed.frozenSince());
        assertEquals(new FsfreezeReport.Entry("/a", "ext4", "8:1", false, null), thawed.mounts().get(0));
        assertEquals(new FsfreezeReport.Entry("/b", "ext4", "8:2", false, "last freeze: not in the requested list"),
                thawed.mounts().get(1));
    }

    @Test
    void reportAfterARestartSaysWhatIsUnknown() throws Exception {
        new FreezerFixture(temp, "/a").freezeAll();
        FreezerFixture f = new FreezerFixture(temp, "/a");
        FsfreezeReport report = f.report.execute(new NoArguments(), null);
        assertEquals(true, report.restoredFromMarker());
        assertNull(report.mounts().get(0).frozen());
        assertTrue(report.mounts().get(0).reason().startsWith("unknown"));
    }

    private static void awaitThawed(FreezerFixture f, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!"thawed".equals(f.status())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still frozen after " + limit);
            }
            Thread.sleep(20);
        }
    }
}
