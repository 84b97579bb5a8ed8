package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.commands.info.internal.GuestGetDiskstats.DiskStats;
import org.jqga.commands.info.internal.GuestGetDiskstats.DiskStatsInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestGetDiskstatsTest {

    @TempDir
    Path root;

    @SuppressWarnings("unchecked")
    private List<DiskStatsInfo> run(SystemPaths paths) throws CommandException {
        return (List<DiskStatsInfo>) new GuestGetDiskstats(paths).execute(Sysroots.NONE, null);
    }

    @Test
    void capturedTwentyFieldLinesGiveEveryStat() throws Exception {
        List<DiskStatsInfo> stats = run(SampleTree.build("build-vm", root));
        List<String> lines = Files.readAllLines(root.resolve("proc/diskstats"));
        assertEquals(lines.size(), stats.size());
        DiskStatsInfo vda = stats.stream().filter(s -> s.name().equals("vda")).findFirst().orElseThrow();
        String[] f = lines.stream().filter(l -> l.contains(" vda ")).findFirst().orElseThrow().trim().split("\\s+");
        assertEquals(254, vda.major());
        assertEquals(0, vda.minor());
        assertEquals(new DiskStats(l(f[5]), l(f[3]), l(f[4]), l(f[9]), l(f[7]), l(f[8]), l(f[16]), l(f[14]), l(f[15]),
                l(f[18]), l(f[6]), l(f[10]), l(f[17]), l(f[19]), l(f[11]), l(f[12]), l(f[13])), vda.stats());
    }

    @Test
    void fieldCountsDecideWhichStatsAreSent() {
        DiskStats legacy = GuestGetDiskstats.parse("   8    1 sda1 10 20 30 40").stats();
        assertEquals(new DiskStats(20L, 10L, null, 40L, 30L, null, null, null, null, null, null, null, null, null, null,
                null, null), legacy);
        DiskStats classic = GuestGetDiskstats.parse("8 0 sda 1 2 3 4 5 6 7 8 9 10 11").stats();
        assertEquals(new DiskStats(3L, 1L, 2L, 7L, 5L, 6L, null, null, null, null, 4L, 8L, null, null, 9L, 10L, 11L),
                classic);
        DiskStats discard = GuestGetDiskstats.parse("8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15").stats();
        assertEquals(14L, discard.discardSectors());
        assertEquals(12L, discard.discardIos());
        assertEquals(13L, discard.discardMerges());
        assertEquals(15L, discard.discardTicks());
        assertNull(discard.flushIos());
        DiskStats between = GuestGetDiskstats.parse("8 0 sda 1 2 3 4 5 6").stats();
        assertEquals(new DiskStats(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null), between);
    }

    @Test
    void thirtyTwoBitColumnsAreCutLikeQemuGasUnsignedInt() {
        DiskStats stats = GuestGetDiskstats.parse("8 0 sda 1 2 3 4 5 6 7 4294967297 9 10 11").stats();
        assertEquals(1L, stats.writeTicks());
        assertEquals(7L, stats.writeSectors());
    }

    @Test
    void shortAndMalformedLinesAreSkipped() {
        assertNull(GuestGetDiskstats.parse(""));
        assertNull(GuestGetDiskstats.parse("8 0 sda 1 2"));
        assertNull(GuestGetDiskstats.parse("x 0 sda 1 2 3 4 5 6 7 8 9 10 11"));
        // the scan stops at the first non-number: 3 + 5 values = 8 fields, an empty stats object
        assertNull(GuestGetDiskstats.parse("8 0 sda 1 2 3 4 5 x 7 8 9 10 11").stats().readIos());
    }

    @Test
    void missingFileIsQemuGasError() throws Exception {
        CommandException e = assertThrows(CommandException.class, () -> run(new SystemPaths(root)));
        assertEquals("open(\"/proc/diskstats\"): No such file or directory", e.desc());
    }

    private static Long l(String value) {
        return Long.parseLong(value);
    }
}
