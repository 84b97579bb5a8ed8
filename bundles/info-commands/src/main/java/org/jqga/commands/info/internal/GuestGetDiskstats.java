package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-diskstats: /proc/diskstats line by line, read as qemu-ga's sscanf reads it (major, minor, name,
 * then numbers up to the first non-number). Which stats are sent depends on how many fields matched: 7 (the
 * old 4-value partition lines) read/write ios and sectors; 14 or more the classic eleven; 18 discard; 20
 * flush. Lines with 8 to 13 fields give an empty stats object, fewer than 7 are skipped. The tick and
 * in-flight columns are 32-bit in qemu-ga (unsigned int) and are cut to 32 bits here too.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-diskstats", risk = RiskGroup.INFO)
public final class GuestGetDiskstats implements Command<NoArguments> {

    public record DiskStatsInfo(String name, long major, long minor, DiskStats stats) {
    }

    public record DiskStats(Long readSectors, Long readIos, Long readMerges, Long writeSectors, Long writeIos,
                            Long writeMerges, Long discardSectors, Long discardIos, Long discardMerges,
                            Long flushIos, Long readTicks, Long writeTicks, Long discardTicks, Long flushTicks,
                            Long iosPgr, Long totalTicks, Long weightTicks) {
    }

    private static final String PROC_DISKSTATS = "/proc/diskstats";
    /** After major, minor and name: which of the columns qemu-ga reads as unsigned int rather than long. */
    private static final boolean[] THIRTY_TWO_BITS = {false, false, false, false, false, false, false, true, true,
        true, true, false, false, false, true, false, true};

    private final SystemPaths paths;

    @Activate
    public GuestGetDiskstats(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetDiskstats(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        String content;
        try {
            content = Files.readString(paths.resolve(PROC_DISKSTATS), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw CommandException.genericError("open(\"" + PROC_DISKSTATS + "\"): " + ErrnoText.of(e));
        }
        List<DiskStatsInfo> result = new ArrayList<>();
        for (String line : content.split("\n")) {
            DiskStatsInfo info = parse(line);
            if (info != null) {
                result.add(info);
            }
        }
        return result;
    }

    static DiskStatsInfo parse(String line) {
        String[] tokens = line.trim().split("\\s+");
        if (tokens.length < 3 || !isNumber(tokens[0]) || !isNumber(tokens[1])) {
            return null;
        }
        long[] v = new long[THIRTY_TWO_BITS.length];
        int values = 0;
        while (values < v.length && 3 + values < tokens.length && isNumber(tokens[3 + values])) {
            long value = Long.parseUnsignedLong(tokens[3 + values]);
            v[values] = THIRTY_TWO_BITS[values] ? value & 0xffffffffL : value;
            values++;
        }
        int matched = 3 + values;
        if (matched < 7) {
            return null;
        }
        DiskStats stats;
        if (matched == 7) {
            stats = new DiskStats(v[1], v[0], null, v[3], v[2], null, null, null, null, null, null, null, null, null,
                    null, null, null);
        } else if (matched < 14) {
            stats = new DiskStats(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null);
        } else {
            boolean discard = matched >= 18;
            boolean flush = matched >= 20;
            stats = new DiskStats(v[2], v[0], v[1], v[6], v[4], v[5], discard ? v[13] : null, discard ? v[11] : null,
                    discard ? v[12] : null, flush ? v[15] : null, v[3], v[7], discard ? v[14] : null,
                    flush ? v[16] : null, v[8], v[9], v[10]);
        }
        return new DiskStatsInfo(tokens[2], Long.parseLong(tokens[0]) & 0xffffffffL,
                Long.parseLong(tokens[1]) & 0xffffffffL, stats);
    }

    private static boolean isNumber(String token) {
        if (token.isEmpty() || token.length() > 20) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return false;
            }
        }
        try {
            Long.parseUnsignedLong(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
