package org.jqga.api.transport;

/**
 * Who is at the other end of a session, which the engine's admission step and the audit records take into account.
 */
public enum SessionOrigin {

    /** The host, over the guest agent channel (virtio-serial, serial line, unix-listen, vsock): the host policy applies. */
    HOST("host"),

    /**
     * A local administrator on the agent's own admin socket (root-only unix socket, peer checked with SO_PEERCRED):
     * commands of risk groups admin and info run even where the host policy refuses them, since whoever can open
     * that socket is root in the guest already.
     */
    LOCAL_ADMIN("local-admin");

    private final String wireName;

    SessionOrigin(String wireName) {
        this.wireName = wireName;
    }

    /** The name audit records and logs use: {@code host} or {@code local-admin}. */
    public String wireName() {
        return wireName;
    }
}
