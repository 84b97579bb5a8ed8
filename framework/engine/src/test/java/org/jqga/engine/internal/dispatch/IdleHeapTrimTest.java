package org.jqga.engine.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Room for a burst of bytes, given back once after a quiet time; nothing at all for the trickle of a polling host. */
class IdleHeapTrimTest {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final Semaphore givenBack = new Semaphore(0);
    private final TransferHeap heap = new TransferHeap() {
        @Override
        public void makeRoom() {
            steps.add("room");
        }

        @Override
        public void giveBack() {
            steps.add("back");
            givenBack.release();
        }
    };

    @Test
    void aTransferMakesRoomAndQuietGivesItBackOnceAndATrickleDoesNothing() throws Exception {
        try (IdleHeapTrim trim = new IdleHeapTrim(50, heap)) {
            for (int i = 0; i < 64; i++) {
                trim.moved(IdleHeapTrim.TRANSFER_BYTES / 64);
            }
            assertTrue(givenBack.tryAcquire(30, TimeUnit.SECONDS), "given back after the transfer went quiet");
            assertEquals(List.of("room", "back"), steps);
            trim.moved(IdleHeapTrim.BURST_BYTES / 2);
            // the trickle stays under the burst size: nothing may be scheduled for it
            Thread.sleep(500);
            assertEquals(List.of("room", "back"), steps, "a trickle changes nothing");
            trim.moved(IdleHeapTrim.BURST_BYTES / 2);
            assertTrue(givenBack.tryAcquire(30, TimeUnit.SECONDS), "a single large read is given back too");
            assertEquals(List.of("room", "back", "back"), steps, "without room made for it");
        }
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        try (IdleHeapTrim trim = new IdleHeapTrim(0, heap)) {
            trim.moved(IdleHeapTrim.BURST_BYTES * 4);
            Thread.sleep(200);
            assertEquals(List.of(), steps);
        }
    }

    @Test
    void theRealHeapWidensItsFreeRatiosForATransferAndRestoresThem() throws Exception {
        var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        HotSpotTransferHeap real = new HotSpotTransferHeap(new LentBuffers());
        real.makeRoom();
        assertTrue(Integer.parseInt(vm.getVMOption("MinHeapFreeRatio").getValue()) >= 40);
        assertTrue(Integer.parseInt(vm.getVMOption("MaxHeapFreeRatio").getValue()) >= 70);
        real.giveBack();
        assertEquals(min, vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(max, vm.getVMOption("MaxHeapFreeRatio").getValue());
    }
}
