package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GuestGetTimeTest {

    @Test
    void nanosecondsFromAMicrosecondClock() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_796_399_708L, 753_389_123), ZoneOffset.UTC);
        assertEquals(1_796_399_708_753_389_000L, new GuestGetTime(clock).execute(Sysroots.NONE, null));
    }

    @Test
    void beforeTheEpochRoundsTowardsTheEarlierMicrosecond() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(-1, 999_999_999), ZoneOffset.UTC);
        assertEquals(-1_000L, new GuestGetTime(clock).execute(Sysroots.NONE, null));
    }

    @Test
    void systemClockIsNow() {
        long before = System.currentTimeMillis();
        long answer = (Long) new GuestGetTime().execute(Sysroots.NONE, null);
        long after = System.currentTimeMillis();
        assertEquals(0, answer % 1000);
        assertTrue(answer / 1_000_000 >= before && answer / 1_000_000 <= after, answer + " not in [" + before + "," + after + "]");
    }
}
