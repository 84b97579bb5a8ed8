package org.jqga.launcher.log;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * Local time as ISO 8601 with milliseconds and the zone's offset ("2026-12-05T06:30:00.123+01:00", "...Z" in UTC),
 * computed from the offset alone: no calendar, no locale data.
 */
final class LogTimestamp {

    private LogTimestamp() {
    }

    static void append(StringBuilder out, long epochMillis) {
        append(out, epochMillis, TimeZone.getDefault().getOffset(epochMillis) / 1000);
    }

    static void append(StringBuilder out, long epochMillis, int offsetSeconds) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
                (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.ofTotalSeconds(offsetSeconds));
        pad(out, time.getYear(), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2).append('.');
        pad(out, time.getNano() / 1_000_000, 3);
        if (offsetSeconds == 0) {
            out.append('Z');
            return;
        }
        int minutes = Math.abs(offsetSeconds) / 60;
        out.append(offsetSeconds < 0 ? '-' : '+');
        pad(out, minutes / 60, 2).append(':');
        pad(out, minutes % 60, 2);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
