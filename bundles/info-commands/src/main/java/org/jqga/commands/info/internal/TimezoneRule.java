package org.jqga.commands.info.internal;

/** A time zone as the C library sees it: which abbreviation and UTC offset apply at a given instant. */
interface TimezoneRule {

    /** @param abbreviation e.g. "CET", "-03"; may be empty
     *  @param utcOffset    seconds east of UTC */
    record Period(String abbreviation, int utcOffset, boolean daylightSaving) {
    }

    Period periodAt(long epochSecond);

    TimezoneRule UTC = epochSecond -> new Period("UTC", 0, false);
}
