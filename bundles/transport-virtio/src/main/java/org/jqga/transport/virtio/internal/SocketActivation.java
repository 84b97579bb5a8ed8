package org.jqga.transport.virtio.internal;

import java.util.Map;

/**
 * systemd's socket-activation protocol (sd_listen_fds): LISTEN_PID names the process the sockets are
 * for, LISTEN_FDS how many there are, starting at fd 3. Variables meant for another process (a parent
 * that did not clear them) are ignored, as sd_listen_fds ignores them.
 */
record SocketActivation(int socketCount) {

    static final int FIRST_FD = 3;

    /** null when the agent was not socket-activated. */
    static SocketActivation from(Map<String, String> environment, long ownPid) {
        String pid = environment.get("LISTEN_PID");
        String fds = environment.get("LISTEN_FDS");
        if (pid == null || fds == null) {
            return null;
        }
        try {
            if (Long.parseLong(pid.trim()) != ownPid) {
                return null;
            }
            int count = Integer.parseInt(fds.trim());
            return count > 0 ? new SocketActivation(count) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** qemu-ga refuses more than one socket as well; which one would it serve? */
    void requireSingleSocket() {
        if (socketCount != 1) {
            throw new IllegalArgumentException("jqga only supports listening on one socket, but systemd passed "
                    + socketCount + " (LISTEN_FDS=" + socketCount + ")");
        }
    }
}
