package org.jqga.commands.info.internal;

import java.util.List;
import org.jqga.posix.InterfaceAddress;
import org.jqga.posix.PosixException;

/** The two native calls guest-network-get-interfaces makes, replaceable by tests. */
interface InterfaceLinks {

    List<InterfaceAddress> interfaceAddresses() throws PosixException;

    /** @return 6 bytes, or null when the interface's address cannot be read */
    byte[] hardwareAddress(String name);
}
