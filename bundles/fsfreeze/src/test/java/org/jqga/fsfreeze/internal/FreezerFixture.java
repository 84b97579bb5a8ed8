package org.jqga.fsfreeze.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.NoArguments;
import org.jqga.posix.mounts.BlockDevices;
import org.jqga.posix.mounts.MountTable;
import org.junit.jupiter.api.function.Executable;

/** A Freezer over a fake kernel and a mount table of the given mount points, plus the commands on it. */
final class FreezerFixture {

    final Path stateDir;
    final Path mountinfo;
    final FakeFilesystems kernel = new FakeFilesystems();
    final FrozenMarker marker;
    final RecordingFrozenMode mode;
    final Freezer freezer;
    final GuestFsfreezeStatus status;
    final GuestFsfreezeFreeze freezeAll;
    final GuestFsfreezeFreezeList freezeList;
    final GuestFsfreezeThaw thaw;
    final GuestFstrim fstrim;
    final FsfreezeReportCommand report;

    FreezerFixture(Path dir, FreezeHook hook, Duration autoThaw, String... mountPoints) throws IOException {
        this.stateDir = Files.createDirectories(dir.resolve("state"));
        this.mountinfo = dir.resolve("mountinfo");
        writeMountinfo(mountPoints);
        this.marker = new FrozenMarker(stateDir);
        this.mode = new RecordingFrozenMode(kernel.events, marker);
        this.freezer = new Freezer(new MountTable(mountinfo, null, path -> new BlockDevices.Other()), kernel, hook,
                marker, mode, autoThaw, Clock.systemUTC());
        this.status = new GuestFsfreezeStatus(freezer);
        this.freezeAll = new GuestFsfreezeFreeze(freezer);
        this.freezeList = new GuestFsfreezeFreezeList(freezer);
        this.thaw = new GuestFsfreezeThaw(freezer);
        this.fstrim = new GuestFstrim(freezer);
        this.report = new FsfreezeReportCommand(freezer);
    }

    FreezerFixture(Path dir, String... mountPoints) throws IOException {
        this(dir, new FreezeHook(null), Duration.ZERO, mountPoints);
    }

    /** One ext4 line per mount point, devices 8:1, 8:2, ..., plus a proc line that must be skipped. */
    void writeMountinfo(String... mountPoints) throws IOException {
        StringBuilder table = new StringBuilder("20 1 0:20 / /proc rw,relatime - proc proc rw\n");
        for (int i = 0; i < mountPoints.length; i++) {
            table.append(30 + i).append(" 1 8:").append(i + 1).append(" / ")
                    .append(mountPoints[i].replace(" ", "\\040")).append(" rw,relatime shared:1 - ext4 /dev/sda")
                    .append(i + 1).append(" rw\n");
        }
        Files.writeString(mountinfo, table);
    }

    String status() {
        return status.execute(new NoArguments(), null);
    }

    long freeze(String... mountPoints) throws CommandException {
        return freezeList.execute(new GuestFsfreezeFreezeList.Arguments(List.of(mountPoints)), null);
    }

    long freezeAll() throws CommandException {
        return freezeAll.execute(new NoArguments(), null);
    }

    long thaw() throws CommandException {
        return thaw.execute(new NoArguments(), null);
    }

    static CommandException assertError(String desc, Executable call) {
        CommandException e = assertThrows(CommandException.class, call);
        assertEquals(desc, e.desc());
        return e;
    }
}
