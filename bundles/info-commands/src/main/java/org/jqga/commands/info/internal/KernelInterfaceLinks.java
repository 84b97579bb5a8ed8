package org.jqga.commands.info.internal;

import java.util.List;
import org.jqga.posix.InterfaceAddress;
import org.jqga.posix.Posix;
import org.jqga.posix.PosixException;

/**
 * getifaddrs(3) and SIOCGIFHWADDR through the posix bundle; a class of its own so that the command loads even without
 * that bundle (its error then names the missing bundle).
 */
final class KernelInterfaceLinks implements InterfaceLinks {

    static final KernelInterfaceLinks INSTANCE = new KernelInterfaceLinks();

    private KernelInterfaceLinks() {
    }

    @Override
    public List<InterfaceAddress> interfaceAddresses() throws PosixException {
        return Posix.interfaceAddresses();
    }

    @Override
    public byte[] hardwareAddress(String name) {
        try {
            return Posix.hardwareAddress(name);
        } catch (PosixException e) {
            return null;
        }
    }
}
