package org.jqga.fsfreeze.internal;

import static org.jqga.fsfreeze.internal.FreezerFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jqga.api.CommandException;
import org.jqga.api.NoArguments;
import org.jqga.posix.mounts.BlockDevices;
import org.jqga.posix.mounts.MountTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands against the real kernel, on two loop-mounted ext4 images this test makes. The Freezer only
 * ever sees a mount table holding those two, every path goes through {@link TestOnlyFilesystems}, and each
 * test thaws in its {@code finally}/{@code @AfterEach}. Needs root; skipped (and reported skipped) without.
 */
class LoopFreezeTest {

    private static final Duration BLOCKED_FOR = Duration.ofSeconds(1);
    private static final long COMPLETES_WITHIN_SECONDS = 20;

    private static LoopMounts loops;
    private static final AtomicInteger probes = new AtomicInteger();

    private Path stateDir;
    private FrozenMarker marker;
    private RecordingFrozenMode mode;

    @BeforeAll
    static void mountImages() throws Exception {
        String unavailable = LoopMounts.unavailableReason();
        Assumptions.assumeTrue(unavailable == null, "real freeze tests need loop mounts: " + unavailable);
        loops = new LoopMounts(2);
    }

    @AfterAll
    static void unmountImages() throws Exception {
        if (loops != null) {
            loops.close();
        }
    }

    @BeforeEach
    void freshState() throws Exception {
        loops.writeMountinfo(List.of(), List.of());
        stateDir = Files.createTempDirectory(loops.dir, "state.");
        marker = new FrozenMarker(stateDir);
        mode = new RecordingFrozenMode(new java.util.concurrent.CopyOnWriteArrayList<>(), marker);
    }

    @AfterEach
    void neverLeaveAnythingFrozen() throws Exception {
        loops.thawAll();
        for (String mountPoint : loops.mountPoints) {
            assertCompletes(LoopMounts.writeInBackground(probe(mountPoint)), "writable after the test: " + mountPoint);
        }
    }

    private Freezer freezer(FreezeHook hook, Duration autoThaw) {
        return new Freezer(new MountTable(loops.mountinfo, null, BlockDevices.KERNEL), loops.kernel, hook, marker,
                mode, autoThaw, Clock.systemUTC());
    }

    private Freezer freezer() {
        return freezer(new FreezeHook(null), Duration.ZERO);
    }

    private static long freezeList(Freezer freezer, String... mountPoints) throws CommandException {
        return new GuestFsfreezeFreezeList(freezer).execute(new GuestFsfreezeFreezeList.Arguments(List.of(mountPoints)),
                null);
    }

    private static long thaw(Freezer freezer) throws CommandException {
        return new GuestFsfreezeThaw(freezer).execute(new NoArguments(), null);
    }

    private static String status(Freezer freezer) {
        return new GuestFsfreezeStatus(freezer).execute(new NoArguments(), null);
    }

    @Test
    void freezeListFreezesBothImagesAndWritesWaitForTheThaw() throws Exception {
        Freezer freezer = freezer();
        CompletableFuture<Void> write0;
        CompletableFuture<Void> write1;
        try {
            assertEquals(2, freezeList(freezer, loops.mount(0), loops.mount(1)));
            assertEquals("frozen", status(freezer));
            assertTrue(marker.exists());
            assertTrue(mode.entered());

            write0 = LoopMounts.writeInBackground(probe(loops.mount(0)));
            write1 = LoopMounts.writeInBackground(probe(loops.mount(1)));
            assertBlocked(write0);
            assertBlocked(write1);
        } finally {
            assertEquals(2, thaw(freezer));
        }
        assertCompletes(write0, "write to image 0 after thaw");
        assertCompletes(write1, "write to image 1 after thaw");
        assertEquals("thawed", status(freezer));
        assertFalse(marker.exists());
        assertFalse(mode.entered());
    }

    @Test
    void freezingOneImageLeavesTheOtherWritable() throws Exception {
        Freezer freezer = freezer();
        CompletableFuture<Void> frozenWrite;
        try {
            assertEquals(1, freezeList(freezer, loops.mount(1)));
            frozenWrite = LoopMounts.writeInBackground(probe(loops.mount(1)));
            assertCompletes(LoopMounts.writeInBackground(probe(loops.mount(0))), "write to the image not frozen");
            assertBlocked(frozenWrite);
        } finally {
            assertEquals(1, thaw(freezer));
        }
        assertCompletes(frozenWrite, "write after thaw");
    }

    @Test
    void unknownMountPointsAreIgnoredAndNothingIsFrozen() throws Exception {
        Freezer freezer = freezer();
        try {
            assertEquals(0, freezeList(freezer, loops.dir.resolve("not-a-mount").toString(),
                    loops.mount(0) + "/", "/definitely/not/mounted"));
            assertEquals("thawed", status(freezer));
            assertFalse(marker.exists());
            assertFalse(mode.entered());
            assertCompletes(LoopMounts.writeInBackground(probe(loops.mount(0))), "write with nothing frozen");
        } finally {
            thaw(freezer);
        }
    }

    @Test
    void thawAlsoThawsWhatSomeoneElseFrozeAndCountsFilesystems() throws Exception {
        Freezer freezer = freezer();
        CompletableFuture<Void> write;
        try (Filesystems.OpenMount other = loops.kernel.open(loops.mount(0))) {
            other.freeze();
            write = LoopMounts.writeInBackground(probe(loops.mount(0)));
            assertBlocked(write);
        } finally {
            assertEquals(1, thaw(freezer));
        }
        assertCompletes(write, "write after the agent's thaw");
        assertEquals(0, thaw(freezer));
    }

    @Test
    void aFilesystemFrozenBySomeoneElseIsBusyAndNotCounted() throws Exception {
        Freezer freezer = freezer();
        try {
            try (Filesystems.OpenMount other = loops.kernel.open(loops.mount(0))) {
                other.freeze();
            }
            assertEquals(1, freezeList(freezer, loops.mount(0), loops.mount(1)));
            FsfreezeReport report = new FsfreezeReportCommand(freezer).execute(new NoArguments(), null);
            assertEquals("already frozen, not by this call (EBUSY)", entry(report, loops.mount(0)).reason());
            assertEquals(false, entry(report, loops.mount(0)).frozen());
            assertEquals(true, entry(report, loops.mount(1)).frozen());
        } finally {
            assertEquals(2, thaw(freezer));
        }
    }

    @Test
    void theHookRunsWithFreezeBeforeAndThawAfter() throws Exception {
        HookScript hook = new HookScript(Files.createTempDirectory(loops.dir, "hook."), 0, 0);
        Freezer freezer = freezer(new FreezeHook(hook.script), Duration.ZERO);
        try {
            assertEquals(1, freezeList(freezer, loops.mount(0)));
            assertEquals(List.of("freeze"), hook.calls());
        } finally {
            assertEquals(1, thaw(freezer));
        }
        assertEquals(List.of("freeze", "thaw"), hook.calls());
    }

    @Test
    void aFailingFreezeHookFreezesNothingAndTheThawHookStillRuns() throws Exception {
        HookScript hook = new HookScript(Files.createTempDirectory(loops.dir, "hook."), 3, 0);
        Freezer freezer = freezer(new FreezeHook(hook.script), Duration.ZERO);
        try {
            assertError("fsfreeze hook has failed with status 3", () -> freezeList(freezer, loops.mount(0)));
            assertEquals("thawed", status(freezer));
            assertFalse(marker.exists());
            assertCompletes(LoopMounts.writeInBackground(probe(loops.mount(0))), "write after a failed freeze hook");
            assertEquals(List.of("freeze", "thaw"), hook.calls());
        } finally {
            loops.thawAll();
        }
    }

    @Test
    void aFailingThawHookIsAnErrorButEverythingIsThawed() throws Exception {
        HookScript hook = new HookScript(Files.createTempDirectory(loops.dir, "hook."), 0, 4);
        Freezer freezer = freezer(new FreezeHook(hook.script), Duration.ZERO);
        CompletableFuture<Void> write;
        try {
            assertEquals(1, freezeList(freezer, loops.mount(0)));
            write = LoopMounts.writeInBackground(probe(loops.mount(0)));
            assertBlocked(write);
            assertError("fsfreeze hook has failed with status 4", () -> thaw(freezer));
        } finally {
            loops.thawAll();
        }
        assertCompletes(write, "write after a thaw whose hook failed");
        assertEquals("thawed", status(freezer));
        assertFalse(marker.exists());
        assertFalse(mode.entered());
    }

    @Test
    void aFreezeErrorThawsTheImagesAlreadyFrozen() throws Exception {
        // listed first, so reached last (reverse order), after both images are frozen
        String gone = loops.dir.resolve("gone").toString();
        loops.writeMountinfo(List.of("99 1 7:250 / " + gone + " rw,relatime - ext4 /dev/loop250 rw"), List.of());
        HookScript hook = new HookScript(Files.createTempDirectory(loops.dir, "hook."), 0, 0);
        Freezer freezer = freezer(new FreezeHook(hook.script), Duration.ZERO);
        try {
            assertError("failed to open " + gone + ": No such file or directory",
                    () -> freezeList(freezer, gone, loops.mount(0), loops.mount(1)));
            assertEquals("thawed", status(freezer));
            assertFalse(marker.exists());
            assertEquals(List.of("freeze", "thaw"), hook.calls());
            for (String mountPoint : loops.mountPoints) {
                assertCompletes(LoopMounts.writeInBackground(probe(mountPoint)), "write after the failed freeze");
            }
        } finally {
            loops.thawAll();
        }
    }

    @Test
    void theWatchdogThawsAfterItsDelay() throws Exception {
        Freezer freezer = freezer(new FreezeHook(null), Duration.ofSeconds(2));
        CompletableFuture<Void> write;
        try {
            assertEquals(1, freezeList(freezer, loops.mount(0)));
            write = LoopMounts.writeInBackground(probe(loops.mount(0)));
            assertBlocked(write);
            assertEquals("frozen", status(freezer));
            assertCompletes(write, "write released by the watchdog");
            assertEquals("thawed", status(freezer));
            assertFalse(marker.exists());
        } finally {
            loops.thawAll();
            freezer.deactivate();
        }
    }

    @Test
    void fstrimTrimsEachImageAndReportsPerPath() throws Exception {
        String gone = loops.dir.resolve("gone").toString();
        loops.writeMountinfo(List.of("99 1 7:250 / " + gone + " rw,relatime - ext4 /dev/loop250 rw"), List.of());
        GuestFstrim fstrim = new GuestFstrim(freezer());

        GuestFstrim.Result result = fstrim.execute(new GuestFstrim.Arguments(1L << 20), null);

        assertEquals(List.of(loops.mount(1), loops.mount(0), gone),
                result.paths().stream().map(GuestFstrim.PathResult::path).toList());
        for (GuestFstrim.PathResult image : result.paths().subList(0, 2)) {
            assertNull(image.error(), image.toString());
            assertTrue(image.trimmed() >= 0, image.toString());
            assertEquals(1L << 20, image.minimum(), image.toString());
        }
        assertEquals(new GuestFstrim.PathResult(gone, null, null, "failed to open: No such file or directory"),
                result.paths().get(2));
        System.out.println("guest-fstrim on the loop images: " + result);
    }

    @Test
    void theGuardRefusesAnythingButTheTestsLoopMounts() {
        for (String forbidden : List.of("/", "/tmp", loops.dir.toString(), loops.dir + "/state-x/..",
                loops.mountinfo.toString(), "relative")) {
            assertThrows(AssertionError.class, () -> loops.kernel.open(forbidden), forbidden);
        }
    }

    private static FsfreezeReport.Entry entry(FsfreezeReport report, String mountPoint) {
        return report.mounts().stream().filter(e -> e.mountPoint().equals(mountPoint)).findFirst().orElseThrow();
    }

    private static Path probe(String mountPoint) {
        return Path.of(mountPoint, "probe-" + probes.incrementAndGet());
    }

    private static void assertBlocked(CompletableFuture<Void> write) throws Exception {
        try {
            write.get(BLOCKED_FOR.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the write to a frozen filesystem completed");
        } catch (TimeoutException expected) {
            // still waiting in the kernel, as it should
        }
    }

    private static void assertCompletes(CompletableFuture<Void> write, String what) throws Exception {
        try {
            write.get(COMPLETES_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": still blocked after " + COMPLETES_WITHIN_SECONDS + " s");
        }
    }
}
