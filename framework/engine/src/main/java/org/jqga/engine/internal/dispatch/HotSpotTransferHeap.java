package org.jqga.engine.internal.dispatch;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.jqga.engine.internal.json.QmpJsonWriter;

/**
 * Room by the heap's free ratios, which HotSpot lets a running JVM change. bin/jqga starts the agent with tight
 * ratios (10 and 30 %) so an idle agent holds little heap; but when a 4 MiB guest-file-write's 5.6 MB of text was
 * held on the heap, a heap that keeps only 30 % free around 10 MiB of live objects could not hold that beside the next
 * request's, so the serial collector ran a full collection for nearly every request (when reads still went through
 * the heap, read throughput fell by half). Since writes are decoded as they are read, the benchmark's peak RSS was the
 * same with and without (80.0 and 79.9 MiB, one run each); the wider ratios stay for commands of other bundles that
 * build large results on the heap. While the host moves data the ratios are wider;
 * afterwards the configured ones come back, the buffers lent to transfers (and the reply writer's spare piece
 * buffers) are dropped, and a full collection shrinks the heap to what is left.
 */
final class HotSpotTransferHeap implements TransferHeap {

    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";
    /**
     * Free share kept during a transfer: room for a few requests' buffers around the live objects. 40 and 70 % while
     * reads went through the heap; since they go through native memory, 20 and 40 % took the benchmark's peak RSS
     * over back-to-back passes from 94-95 to 91-93 MiB, with 4 MiB writes at 7.2-7.8x qemu-ga instead of 7.8-8.3x.
     */
    private static final int TRANSFER_MIN_FREE = 20;
    private static final int TRANSFER_MAX_FREE = 40;

    private final LentBuffers lent;

    /** Null until the first transfer: the management classes cost 3 MiB that most agents never need. */
    private HotSpotDiagnosticMXBean vm;
    private boolean unavailable;
    private String configuredMin;
    private String configuredMax;

    HotSpotTransferHeap(LentBuffers lent) {
        this.lent = lent;
    }

    @Override
    public synchronized void makeRoom() {
        if (vm() != null) {
            // widen Max first: HotSpot refuses a Min above the current Max
            set(MAX, Integer.toString(Math.max(TRANSFER_MAX_FREE, Integer.parseInt(configuredMax))));
            set(MIN, Integer.toString(Math.max(TRANSFER_MIN_FREE, Integer.parseInt(configuredMin))));
        }
    }

    @Override
    public synchronized void giveBack() {
        lent.clear();
        QmpJsonWriter.dropSpareBuffers();
        if (vm != null) {
            set(MIN, configuredMin);
            set(MAX, configuredMax);
        }
        System.gc();
    }

    private HotSpotDiagnosticMXBean vm() {
        if (vm == null && !unavailable) {
            try {
                HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                configuredMin = bean.getVMOption(MIN).getValue();
                configuredMax = bean.getVMOption(MAX).getValue();
                vm = bean;
            } catch (LinkageError | RuntimeException notHotSpot) {
                unavailable = true; // transfers work as before, only slower
            }
        }
        return vm;
    }

    private void set(String flag, String percent) {
        try {
            vm.setVMOption(flag, percent);
        } catch (IllegalArgumentException refused) {
            // a value the JVM will not take leaves the one it has: slower transfers, nothing worse
        }
    }
}
