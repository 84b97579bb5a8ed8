package org.jqga.engine.internal.dispatch;

/**
 * What {@link IdleHeapTrim} does to the heap around a file transfer: make room while the host moves data, and give
 * the memory back once it stops.
 */
interface TransferHeap {

    /** The host started moving megabytes: let the heap keep room for the next request's buffers. */
    void makeRoom();

    /** The host went quiet: shrink to what is live and return the rest to the system. */
    void giveBack();

    /** Leaves the heap alone: for sessions made without an engine (tests). */
    TransferHeap UNTOUCHED = new TransferHeap() {
        @Override
        public void makeRoom() {
        }

        @Override
        public void giveBack() {
        }
    };
}
