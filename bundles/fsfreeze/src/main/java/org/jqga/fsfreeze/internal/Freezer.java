package org.jqga.fsfreeze.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jnr.constants.platform.Errno;
import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.jqga.fsfreeze.internal.Filesystems.OpenMount;
import org.jqga.posix.PosixException;
import org.jqga.posix.mounts.BlockDevices;
import org.jqga.posix.mounts.Mount;
import org.jqga.posix.mounts.MountList;
import org.jqga.posix.mounts.MountTable;
import org.jqga.posix.mounts.SkippedMount;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's frozen state and the freeze and thaw procedures, shared by the fsfreeze commands.
 *
 * <p>Freeze (qemu-ga's order): hook {@code freeze}; read the mount table; marker file and frozen mode on;
 * FIFREEZE on each selected mount in reverse table order (a mount on top of another is frozen first),
 * EOPNOTSUPP and EBUSY ignored and not counted. Thaw: FITHAW repeated until it fails on every mount of the
 * table (so filesystems someone else froze are thawed too), counting mounts where one succeeded; frozen
 * mode and marker off; hook {@code thaw}.
 *
 * <p>Deliberately unlike qemu-ga 7.2: whenever a freeze ends with the agent not frozen (hook failed, mount
 * table unreadable, a freeze error, nothing to freeze) the hook also runs with {@code thaw}, so whatever the
 * freeze hook quiesced is resumed; and after a freeze error only the filesystems this call froze are thawed,
 * once each, rather than everything in the table.
 *
 * <p>Nothing is written to disk or logged between entering and leaving frozen mode: a write to a frozen
 * filesystem sleeps uninterruptibly until thaw, and the thaw can only come through this agent.
 */
// immediate: the state must outlive the delayed command components, which DS disposes between requests
@Component(service = Freezer.class, immediate = true)
public final class Freezer {

    static final String STATE_DIR_PROPERTY = "org.jqga.statedir";
    static final String HOOK_PROPERTY = "org.jqga.fsfreezeHook";
    static final String AUTO_THAW_PROPERTY = "org.jqga.fsfreeze.autoThawSeconds";
    static final String MOUNTINFO_PROPERTY = "org.jqga.fsfreeze.mountinfo";
    static final String DEFAULT_STATE_DIR = "/var/run";

    static final String FROZEN = "frozen";
    static final String THAWED = "thawed";

    /** FITHAW succeeds once per outstanding freeze; a bound keeps a misbehaving driver from spinning us. */
    static final int MAX_THAWS_PER_MOUNT = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Freezer.class);

    private final MountTable table;
    private final Filesystems filesystems;
    private final FreezeHook hook;
    private final FrozenMarker marker;
    private final FrozenMode mode;
    private final AutoThawTimer timer;
    private final Clock clock;

    // guarded by this
    private boolean frozen;
    private boolean restoredFromMarker;
    private long generation;
    private FreezeRecord lastFreeze;

    @Activate
    public Freezer(BundleContext context) {
        this(mountTable(context.getProperty(MOUNTINFO_PROPERTY)), new KernelFilesystems(),
                FreezeHook.fromProperty(context.getProperty(HOOK_PROPERTY)),
                new FrozenMarker(Path.of(propertyOr(context, STATE_DIR_PROPERTY, DEFAULT_STATE_DIR))),
                new FrozenFilesystemsRegistration(context), autoThawDelay(context.getProperty(AUTO_THAW_PROPERTY)),
                Clock.systemUTC());
    }

    Freezer(MountTable table, Filesystems filesystems, FreezeHook hook, FrozenMarker marker, FrozenMode mode,
            Duration autoThaw, Clock clock) {
        this.table = table;
        this.filesystems = filesystems;
        this.hook = hook;
        this.marker = marker;
        this.mode = mode;
        this.timer = new AutoThawTimer(autoThaw);
        this.clock = clock;
        if (marker.exists()) {
            restoreFrozenState();
        }
    }

    /** A previous agent may have died with filesystems frozen: refuse everything unsafe until thawed. */
    private synchronized void restoreFrozenState() {
        mode.enter();
        frozen = true;
        restoredFromMarker = true;
        armAutoThaw();
        // held by the log sink until thaw, like every line while frozen
        LOG.warn("{} exists: a previous agent appears to have exited with filesystems frozen; only "
                + "guest-fsfreeze-thaw and the sync/ping/info commands run until the host thaws", marker.path());
    }

    synchronized String status() {
        return frozen ? FROZEN : THAWED;
    }

    /** The mount list as qemu-ga builds it; an unreadable table is qemu-ga's GenericError. */
    MountList readMounts() throws CommandException {
        try {
            return table.read();
        } catch (IOException e) {
            throw CommandException.genericError(e.getMessage());
        }
    }

    Filesystems filesystems() {
        return filesystems;
    }

    /**
     * @param command the requesting command's name, for the refusal text when already frozen
     * @param mountpoints mount points to freeze, compared exactly with the table's; null for all
     * @return the number of filesystems frozen
     */
    synchronized long freeze(String command, List<String> mountpoints) throws CommandException {
        if (frozen) {
            // the engine refuses this before it gets here; direct callers get the same answer
            throw new CommandException(ErrorClass.CommandNotFound,
                    "Command " + command + " has been disabled: the agent is in frozen state");
        }
        MountList list;
        try {
            hook.run(FreezeHook.FREEZE);
            list = readMounts();
        } catch (CommandException e) {
            runThawHookAfterAbortedFreeze();
            throw e;
        }
        // everything the thaw path needs is loaded now, while the disk still takes writes
        filesystems.prepare();

        List<MountOutcome> outcomes = new ArrayList<>();
        List<Mount> frozenNow = new ArrayList<>();
        enterFrozenMode();
        try {
            List<Mount> mounts = list.mounts();
            for (int i = mounts.size() - 1; i >= 0; i--) {
                Mount mount = mounts.get(i);
                if (mountpoints != null && !mountpoints.contains(mount.mountPoint())) {
                    outcomes.add(new MountOutcome(mount.mountPoint(), false, "not in the requested list"));
                    continue;
                }
                MountOutcome outcome = freezeOne(mount);
                outcomes.add(outcome);
                if (outcome.frozen()) {
                    frozenNow.add(mount);
                }
            }
        } catch (CommandException | RuntimeException | Error e) {
            List<String> stuck = thawOnce(frozenNow);
            leaveFrozenMode();
            lastFreeze = new FreezeRecord(clock.instant(), outcomes);
            if (!stuck.isEmpty()) {
                LOG.error("freeze failed ({}) and these filesystems could not be thawed again: {}", e.getMessage(), stuck);
            }
            runThawHookAfterAbortedFreeze();
            throw e;
        }
        lastFreeze = new FreezeRecord(clock.instant(), outcomes);
        if (frozenNow.isEmpty()) {
            leaveFrozenMode();
            runThawHookAfterAbortedFreeze();
            return 0;
        }
        armAutoThaw();
        return frozenNow.size();
    }

    /** @return the number of filesystems where at least one FITHAW succeeded */
    synchronized long thaw() throws CommandException {
        MountList list = readMounts();
        long count = 0;
        for (Mount mount : list.mounts()) {
            if (thawFully(mount)) {
                count++;
            }
        }
        boolean wasFrozen = frozen;
        leaveFrozenMode();
        if (wasFrozen) {
            LOG.info("filesystems thawed ({} thawed by this call)", count);
        }
        hook.run(FreezeHook.THAW);
        return count;
    }

    synchronized FsfreezeReport report() throws CommandException {
        MountList list = readMounts();
        List<FsfreezeReport.Entry> entries = new ArrayList<>();
        for (Mount mount : list.mounts()) {
            MountOutcome outcome = lastFreeze == null ? null : lastFreeze.outcomeOf(mount.mountPoint());
            Boolean isFrozen;
            String reason;
            if (!frozen) {
                isFrozen = false;
                reason = outcome == null || outcome.reason() == null ? null : "last freeze: " + outcome.reason();
            } else if (restoredFromMarker) {
                isFrozen = null;
                reason = "unknown: the frozen state was restored from the marker of a previous agent";
            } else {
                isFrozen = outcome != null && outcome.frozen();
                reason = outcome == null ? "not in the mount table at freeze time" : outcome.reason();
            }
            entries.add(new FsfreezeReport.Entry(mount.mountPoint(), mount.type(), mount.device(), isFrozen, reason));
        }
        for (SkippedMount skipped : list.skipped()) {
            entries.add(new FsfreezeReport.Entry(skipped.mountPoint(), skipped.type(), skipped.device(), false,
                    "never frozen: " + skipped.reason()));
        }
        Long since = frozen && !restoredFromMarker && lastFreeze != null ? lastFreeze.at().getEpochSecond() : null;
        return new FsfreezeReport(status(),
                "the agent's own record: Linux has no query for a filesystem's frozen state that does not change it",
                since, frozen ? restoredFromMarker : null,
                timer.enabled() ? timer.delay().toSeconds() : null, marker.path().toString(),
                hook.configured() ? hook.path().toString() : null, entries);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            if (frozen) {
                // qemu-ga's cleanup on exit: never leave filesystems frozen behind a stopped agent
                try {
                    long count = thaw();
                    LOG.warn("fsfreeze bundle stopped while frozen: thawed {} filesystem(s)", count);
                } catch (CommandException e) {
                    LOG.error("fsfreeze bundle stopped while frozen; thawing failed: {}", e.desc());
                }
            }
        }
        timer.shutdown();
    }

    private MountOutcome freezeOne(Mount mount) throws CommandException {
        OpenMount open;
        try {
            open = filesystems.open(mount.mountPoint());
        } catch (PosixException e) {
            throw CommandException.genericError("failed to open " + mount.mountPoint() + ": " + e.strerror());
        }
        try (open) {
            open.freeze();
            return new MountOutcome(mount.mountPoint(), true, null);
        } catch (PosixException e) {
            if (e.is(Errno.EOPNOTSUPP)) {
                return new MountOutcome(mount.mountPoint(), false, "the filesystem cannot be frozen (EOPNOTSUPP)");
            }
            if (e.is(Errno.EBUSY)) {
                return new MountOutcome(mount.mountPoint(), false, "already frozen, not by this call (EBUSY)");
            }
            throw CommandException.genericError("failed to freeze " + mount.mountPoint() + ": " + e.strerror());
        }
    }

    /** Undoes this call's own freezes after a failure; returns the mount points that would not thaw. */
    private List<String> thawOnce(List<Mount> mounts) {
        List<String> stuck = new ArrayList<>();
        for (Mount mount : mounts) {
            try (OpenMount open = filesystems.open(mount.mountPoint())) {
                open.thaw();
            } catch (PosixException | RuntimeException e) {
                stuck.add(mount.mountPoint() + " (" + e.getMessage() + ")");
            }
        }
        return stuck;
    }

    private boolean thawFully(Mount mount) {
        OpenMount open;
        try {
            open = filesystems.open(mount.mountPoint());
        } catch (PosixException e) {
            return false;
        }
        boolean thawed = false;
        try (open) {
            for (int i = 0; i < MAX_THAWS_PER_MOUNT; i++) {
                open.thaw();
                thawed = true;
            }
        } catch (PosixException e) {
            // the usual end: EINVAL, not frozen (any more)
        }
        return thawed;
    }

    /** Marker first (a write, so it must precede any freeze), then the rest of the agent is told. */
    private void enterFrozenMode() {
        try {
            marker.create();
        } catch (IOException | RuntimeException e) {
            LOG.warn("unable to create {} ({}); a restarted agent would not know filesystems are frozen",
                    marker.path(), e.toString());
        }
        mode.enter();
        frozen = true;
    }

    private void leaveFrozenMode() {
        if (!frozen) {
            return;
        }
        timer.cancel();
        generation++;
        frozen = false;
        restoredFromMarker = false;
        String problem = null;
        try {
            marker.delete();
        } catch (IOException | RuntimeException e) {
            problem = "unable to delete " + marker.path() + " (" + e + "); a restarted agent will come up frozen";
        }
        mode.leave();
        if (problem != null) {
            LOG.warn(problem);
        }
    }

    private void runThawHookAfterAbortedFreeze() {
        if (!hook.configured()) {
            return;
        }
        try {
            hook.run(FreezeHook.THAW);
        } catch (CommandException e) {
            LOG.warn("fsfreeze hook 'thaw' after an aborted freeze: {}", e.desc());
        }
    }

    private void armAutoThaw() {
        long armedFor = generation;
        timer.arm(() -> autoThaw(armedFor));
    }

    /** The watchdog's action: thaws unless the host thawed (or thawed and froze again) in the meantime. */
    private void autoThaw(long armedFor) {
        long count;
        synchronized (this) {
            if (!frozen || generation != armedFor) {
                return;
            }
            try {
                count = thaw();
            } catch (CommandException e) {
                if (frozen) {
                    armAutoThaw();
                }
                LOG.error("auto-thaw after {} ({}): {}{}", describe(timer.delay()), AUTO_THAW_PROPERTY,
                        e.desc(), frozen ? "; still frozen, retrying after the same delay" : "");
                return;
            }
        }
        LOG.warn("the host did not thaw within {} ({}): the agent thawed {} filesystem(s) itself",
                describe(timer.delay()), AUTO_THAW_PROPERTY, count);
    }

    private static String describe(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms";
    }

    private static MountTable mountTable(String mountinfo) {
        if (mountinfo == null || mountinfo.isBlank()) {
            return MountTable.ofThisProcess();
        }
        // a substitute table (tests): never fall back to the real one
        return new MountTable(Path.of(mountinfo.strip()), null, BlockDevices.KERNEL);
    }

    static Duration autoThawDelay(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        LOG.warn("{}={} is not a number of seconds; the auto-thaw watchdog stays off", AUTO_THAW_PROPERTY, value);
        return Duration.ZERO;
    }

    private static String propertyOr(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
