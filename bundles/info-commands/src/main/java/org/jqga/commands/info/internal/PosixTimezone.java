package org.jqga.commands.info.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A POSIX TZ rule such as {@code CET-1CEST,M3.5.0,M10.5.0/3} or {@code <-03>3}: what a TZ variable may hold
 * and what a TZif file's footer uses for instants after its last listed transition. Offsets in the string are
 * west of UTC; {@link Period#utcOffset()} is east, as qemu-ga reports it.
 */
final class PosixTimezone implements TimezoneRule {

    private static final int DEFAULT_TRANSITION_TIME = 2 * 3600;

    private final Period standard;
    private final Period daylight;
    private final DateRule start;
    private final DateRule end;

    private PosixTimezone(Period standard, Period daylight, DateRule start, DateRule end) {
        this.standard = standard;
        this.daylight = daylight;
        this.start = start;
        this.end = end;
    }

    /** @return the rule, or null if {@code text} is not a POSIX TZ string */
    static PosixTimezone parse(String text) {
        try {
            Cursor c = new Cursor(text);
            String stdName = c.name();
            int stdOffset = -c.offset(true);
            Period standard = new Period(stdName, stdOffset, false);
            if (c.atEnd()) {
                return new PosixTimezone(standard, null, null, null);
            }
            String dstName = c.name();
            int dstOffset = stdOffset + 3600;
            if (!c.atEnd() && c.peek() != ',') {
                dstOffset = -c.offset(true);
            }
            DateRule start;
            DateRule end;
            if (c.atEnd()) {
                // POSIX leaves the default open; glibc and GLib use the US rules
                start = new DateRule('M', 3, 2, 0, DEFAULT_TRANSITION_TIME);
                end = new DateRule('M', 11, 1, 0, DEFAULT_TRANSITION_TIME);
            } else {
                c.expect(',');
                start = c.dateRule();
                c.expect(',');
                end = c.dateRule();
            }
            if (!c.atEnd()) {
                return null;
            }
            return new PosixTimezone(standard, new Period(dstName, dstOffset, true), start, end);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException e) {
            return null;
        }
    }

    @Override
    public Period periodAt(long epochSecond) {
        if (daylight == null) {
            return standard;
        }
        int year = LocalDate.ofEpochDay(Math.floorDiv(epochSecond + standard.utcOffset(), 86_400L)).getYear();
        long startUtc = start.localEpochSecond(year) - standard.utcOffset();
        long endUtc = end.localEpochSecond(year) - daylight.utcOffset();
        boolean inDaylight = startUtc < endUtc
                ? epochSecond >= startUtc && epochSecond < endUtc
                : !(epochSecond >= endUtc && epochSecond < startUtc);   // southern hemisphere: DST spans new year
        return inDaylight ? daylight : standard;
    }

    /** Jn (1-365, no Feb 29), n (0-365) or Mm.w.d, plus the local time of day of the change. */
    private record DateRule(char kind, int a, int b, int c, int time) {

        long localEpochSecond(int year) {
            LocalDate day = switch (kind) {
                case 'J' -> LocalDate.ofYearDay(year, a + (LocalDate.of(year, 1, 1).isLeapYear() && a >= 60 ? 1 : 0));
                case 'n' -> LocalDate.ofYearDay(year, Math.min(a + 1, LocalDate.of(year, 1, 1).lengthOfYear()));
                default -> nthWeekday(year);
            };
            return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + time;
        }

        private LocalDate nthWeekday(int year) {
            LocalDate first = LocalDate.of(year, a, 1);
            int firstWeekday = first.getDayOfWeek().getValue() % 7;   // 0 = Sunday, as in the TZ string
            int dayOfMonth = 1 + Math.floorMod(c - firstWeekday, 7) + (b - 1) * 7;
            while (dayOfMonth > first.lengthOfMonth()) {
                dayOfMonth -= 7;   // week 5 means "the last"
            }
            return first.withDayOfMonth(dayOfMonth);
        }
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return s.charAt(i);
        }

        void expect(char ch) {
            if (atEnd() || s.charAt(i) != ch) {
                throw new IllegalArgumentException("expected " + ch);
            }
            i++;
        }

        String name() {
            int from;
            int to;
            if (peek() == '<') {
                from = ++i;
                while (s.charAt(i) != '>') {
                    i++;
                }
                to = i++;
            } else {
                from = i;
                while (!atEnd() && Character.isLetter(peek())) {
                    i++;
                }
                to = i;
            }
            if (to - from < 3) {
                throw new IllegalArgumentException("zone name too short");
            }
            return s.substring(from, to);
        }

        /** [+-]hh[:mm[:ss]] in seconds. */
        int offset(boolean signAllowed) {
            int sign = 1;
            if (signAllowed && !atEnd() && (peek() == '+' || peek() == '-')) {
                sign = s.charAt(i++) == '-' ? -1 : 1;
            }
            int seconds = number() * 3600;
            if (!atEnd() && peek() == ':') {
                i++;
                seconds += number() * 60;
                if (!atEnd() && peek() == ':') {
                    i++;
                    seconds += number();
                }
            }
            return sign * seconds;
        }

        DateRule dateRule() {
            char kind;
            int a;
            int b = 0;
            int c = 0;
            if (peek() == 'J') {
                i++;
                kind = 'J';
                a = number();
            } else if (peek() == 'M') {
                i++;
                kind = 'M';
                a = number();
                expect('.');
                b = number();
                expect('.');
                c = number();
            } else {
                kind = 'n';
                a = number();
            }
            int time = DEFAULT_TRANSITION_TIME;
            if (!atEnd() && peek() == '/') {
                i++;
                time = offset(true);
            }
            return new DateRule(kind, a, b, c, time);
        }

        private int number() {
            int from = i;
            while (!atEnd() && Character.isDigit(peek())) {
                i++;
            }
            if (from == i) {
                throw new IllegalArgumentException("number expected");
            }
            return Integer.parseInt(s.substring(from, i));
        }
    }
}
