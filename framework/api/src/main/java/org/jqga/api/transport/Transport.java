package org.jqga.api.transport;

/** A running channel to the host, registered as a service so that the agent can report and swap it. */
public interface Transport {

    /** qemu-ga's method name: virtio-serial, isa-serial, unix-listen or vsock-listen. */
    String method();

    /** The device, socket path or vsock address it serves. */
    String path();
}
