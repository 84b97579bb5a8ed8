package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimezoneTest {

    private static final SystemPaths GUEST = Sysroots.of("guest");

    private static GuestGetTimezone.Timezone at(String instant, Map<String, String> environment) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        return (GuestGetTimezone.Timezone) new GuestGetTimezone(new LocalTimezone(GUEST, environment::get), clock)
                .execute(Sysroots.NONE, null);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        // /etc/localtime of the sample guest is Europe/Berlin
        "2024-01-15T12:00:00Z, CET, 3600",
        "2024-07-01T12:00:00Z, CEST, 7200",
        "2024-03-31T00:59:59Z, CET, 3600",
        "2024-03-31T01:00:00Z, CEST, 7200",
        "2024-10-27T00:59:59Z, CEST, 7200",
        "2024-10-27T01:00:00Z, CET, 3600",
        "2061-07-01T12:00:00Z, CEST, 7200",   // after the file's last listed transition: the footer rule
        "1850-01-01T00:00:00Z, LMT, 3208",    // before the first transition: type 0
    })
    void localtimeFile(String instant, String zone, long offset) {
        assertEquals(new GuestGetTimezone.Timezone(zone, offset), at(instant, Map.of()));
    }

    @ParameterizedTest(name = "TZ={0} at {1} -> {2} {3}")
    @CsvSource({
        "UTC, 2024-07-01T12:00:00Z, UTC, 0",
        ":Europe/Berlin, 2024-07-01T12:00:00Z, CEST, 7200",
        "America/Sao_Paulo, 2024-07-01T12:00:00Z, -03, -10800",
        "America/Sao_Paulo, 2018-01-15T12:00:00Z, -02, -7200",
        "Australia/Sydney, 2024-01-15T12:00:00Z, AEDT, 39600",
        "Australia/Sydney, 2024-07-01T12:00:00Z, AEST, 36000",
        "Australia/Sydney, 2070-01-15T12:00:00Z, AEDT, 39600",
        "/usr/share/zoneinfo/Europe/Berlin, 2024-01-15T12:00:00Z, CET, 3600",
        "'EST5EDT,M3.2.0,M11.1.0', 2024-07-01T12:00:00Z, EDT, -14400",
        "'EST5EDT,M3.2.0,M11.1.0', 2024-12-01T12:00:00Z, EST, -18000",
        "<+0330>-3:30, 2024-07-01T12:00:00Z, +0330, 12600",
        "Nowhere/Nothing, 2024-07-01T12:00:00Z, UTC, 0",
    })
    void tzVariable(String tz, String instant, String zone, long offset) {
        assertEquals(new GuestGetTimezone.Timezone(zone, offset), at(instant, Map.of("TZ", tz)));
    }

    @Test
    void emptyTzIsUtc() {
        assertEquals(new GuestGetTimezone.Timezone("UTC", 0), at("2024-07-01T12:00:00Z", Map.of("TZ", "")));
    }

    @Test
    void tzdirMovesTheZoneDirectory() {
        assertEquals(new GuestGetTimezone.Timezone("CEST", 7200),
                at("2024-07-01T12:00:00Z", Map.of("TZ", "Berlin", "TZDIR", "/usr/share/zoneinfo/Europe")));
    }

    @Test
    void noLocaltimeMeansUtc() {
        Clock clock = Clock.fixed(Instant.parse("2024-07-01T12:00:00Z"), ZoneOffset.UTC);
        Object answer = new GuestGetTimezone(new LocalTimezone(Sysroots.of("bare"), name -> null), clock)
                .execute(Sysroots.NONE, null);
        assertEquals(new GuestGetTimezone.Timezone("UTC", 0), answer);
    }

    /** The file parser and the footer rules against the JDK's own tz database, every 6 hours for 60 years. */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/Sao_Paulo", "Australia/Sydney"})
    void offsetsAgreeWithTheJdk(String zoneName) throws IOException {
        TimezoneRule zone = TzifZone.parse(Files.readAllBytes(GUEST.resolve("/usr/share/zoneinfo/" + zoneName)));
        assertNotNull(zone);
        ZoneRules jdk = ZoneId.of(zoneName).getRules();
        long start = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("2060-01-01T00:00:00Z").getEpochSecond();
        for (long t = start; t < end; t += 6 * 3600) {
            Instant instant = Instant.ofEpochSecond(t);
            TimezoneRule.Period period = zone.periodAt(t);
            assertEquals(jdk.getOffset(instant).getTotalSeconds(), period.utcOffset(), zoneName + " at " + instant);
            assertEquals(jdk.isDaylightSavings(instant), period.daylightSaving(), zoneName + " DST at " + instant);
        }
    }

    @Test
    void notATzifFile() {
        assertNull(TzifZone.parse("CET-1CEST".getBytes()));
        assertNull(TzifZone.parse(new byte[] {'T', 'Z', 'i', 'f', '2'}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X1", "CET", "CET-1CEST,M3", "CET-1CEST,M3.5.0,", "Europe/Berlin"})
    void notAPosixRule(String text) {
        assertNull(PosixTimezone.parse(text));
    }

    @Test
    void posixRuleWithJulianAndZeroBasedDays() {
        // J60 is 1 March in every year; zero-based day 300 is 27 October in a leap year
        PosixTimezone rule = PosixTimezone.parse("AAA0BBB,J60/0,300/0");
        assertNotNull(rule);
        assertEquals("AAA", abbreviationAt(rule, "2024-02-29T23:59:59Z"));
        assertEquals("BBB", abbreviationAt(rule, "2024-03-01T00:00:00Z"));
        assertEquals("BBB", abbreviationAt(rule, "2024-10-26T22:59:59Z"));   // the end is 00:00 daylight time
        assertEquals("AAA", abbreviationAt(rule, "2024-10-26T23:00:00Z"));
        assertEquals(3600, rule.periodAt(Instant.parse("2024-06-01T00:00:00Z").getEpochSecond()).utcOffset());
    }

    private static String abbreviationAt(TimezoneRule rule, String instant) {
        return rule.periodAt(Instant.parse(instant).getEpochSecond()).abbreviation();
    }
}
