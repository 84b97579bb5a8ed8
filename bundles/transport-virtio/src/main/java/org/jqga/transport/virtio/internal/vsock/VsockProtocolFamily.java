package org.jqga.transport.virtio.internal.vsock;

import java.net.ProtocolFamily;

/** The JDK has no constant for AF_VSOCK. */
enum VsockProtocolFamily implements ProtocolFamily {
    VSOCK
}
