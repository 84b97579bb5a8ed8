package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Finds the zone the guest's programs use, the way GLib's g_time_zone_new_local (and so qemu-ga) does: TZ
 * if set (":" prefix dropped; an absolute file, a name under $TZDIR or /usr/share/zoneinfo, or else a POSIX
 * rule), /etc/localtime otherwise, UTC when nothing usable is found. Looked up on every call, so a changed
 * /etc/localtime shows without a restart, as in qemu-ga; a zone file is parsed again only when it changed.
 */
final class LocalTimezone {

    private final SystemPaths paths;
    private final UnaryOperator<String> environment;
    private final ParsedFile<TimezoneRule> zoneFile = new ParsedFile<>(TzifZone::parse);

    LocalTimezone(SystemPaths paths, UnaryOperator<String> environment) {
        this.paths = paths;
        this.environment = environment;
    }

    TimezoneRule load() {
        String tz = environment.apply("TZ");
        if (tz == null) {
            return orUtc(readZoneFile(paths.resolve("/etc/localtime")));
        }
        String identifier = tz.startsWith(":") ? tz.substring(1) : tz;
        if (identifier.isEmpty()) {
            return TimezoneRule.UTC;
        }
        TimezoneRule zone;
        if (identifier.startsWith("/")) {
            zone = readZoneFile(paths.resolve(identifier));
        } else {
            String tzdir = environment.apply("TZDIR");
            String directory = tzdir != null && !tzdir.isEmpty() ? tzdir : "/usr/share/zoneinfo";
            zone = readZoneFile(paths.resolve(directory + "/" + identifier));
        }
        if (zone == null) {
            zone = PosixTimezone.parse(identifier);
        }
        return orUtc(zone);
    }

    private static TimezoneRule orUtc(TimezoneRule zone) {
        return zone != null ? zone : TimezoneRule.UTC;
    }

    private TimezoneRule readZoneFile(Path file) {
        try {
            return zoneFile.read(file);
        } catch (IOException e) {
            return null;
        }
    }
}
