package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One collection after a burst of bytes and a quiet time; none for the trickle of a polling host. */
class IdleHeapTrimTest {

    private final Semaphore collections = new Semaphore(0);

    @Test
    void aBurstThenQuietCollectsOnceAndATrickleNever() throws Exception {
        try (IdleHeapTrim trim = new IdleHeapTrim(50, collections::release)) {
            for (int i = 0; i < 64; i++) {
                trim.moved(IdleHeapTrim.BURST_BYTES / 32);
            }
            assertTrue(collections.tryAcquire(30, TimeUnit.SECONDS), "collected after the burst went quiet");
            trim.moved(IdleHeapTrim.BURST_BYTES / 2);
            // the trickle stays under the burst size: nothing may be scheduled for it
            Thread.sleep(500);
            assertEquals(0, collections.availablePermits(), "a trickle does not collect");
            trim.moved(IdleHeapTrim.BURST_BYTES / 2);
            assertTrue(collections.tryAcquire(30, TimeUnit.SECONDS), "the next burst collects again");
        }
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        try (IdleHeapTrim trim = new IdleHeapTrim(0, collections::release)) {
            trim.moved(IdleHeapTrim.BURST_BYTES * 4);
            Thread.sleep(200);
            assertEquals(0, collections.availablePermits());
        }
    }
}
