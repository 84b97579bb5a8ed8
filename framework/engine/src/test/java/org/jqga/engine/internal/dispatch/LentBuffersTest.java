package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Buffers lent to transfers: the kind a size gets, and which come back for the next request. */
class LentBuffersTest {

    @Test
    void smallOnesAreArraysLargeOnesDirectAndTheLimitIsWhatWasAsked() {
        LentBuffers lent = new LentBuffers();
        ByteBuffer small = lent.lend(LentBuffers.DIRECT_FROM - 1);
        assertTrue(small.hasArray());
        assertEquals(LentBuffers.DIRECT_FROM - 1, small.limit());
        ByteBuffer large = lent.lend(LentBuffers.DIRECT_FROM);
        assertTrue(large.isDirect());
        assertEquals(LentBuffers.DIRECT_FROM, large.limit());
    }

    /** A host writing 40 MiB chunks gets the same 40 MiB again, not a new one per request, until it goes quiet. */
    @Test
    void theTwoLargestGivenBackServeTheNextRequestsUntilTheHostIsQuiet() {
        LentBuffers lent = new LentBuffers();
        ByteBuffer huge = lent.lend(40 << 20);
        ByteBuffer medium = lent.lend(4 << 20);
        ByteBuffer small = lent.lend(1 << 20);
        lent.giveBack(small);
        lent.giveBack(huge);
        lent.giveBack(medium);
        assertTrue(lent.lend(40 << 20) == huge, "the 40 MiB one again");
        assertTrue(lent.lend(3 << 20) == medium, "and the next largest; the smallest was let go");
        assertFalse(lent.lend(1 << 20) == small);

        ByteBuffer beyond = lent.lend(LentBuffers.LARGEST_KEPT + 1);
        lent.giveBack(beyond);
        assertFalse(lent.lend(LentBuffers.LARGEST_KEPT + 1) == beyond, "more than qemu's limits let through: not kept");

        lent.giveBack(huge);
        lent.clear();
        assertFalse(lent.lend(40 << 20) == huge, "the host went quiet: nothing kept");
    }
}
