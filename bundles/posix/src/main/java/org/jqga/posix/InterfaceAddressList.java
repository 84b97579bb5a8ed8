package org.jqga.posix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * Copies a getifaddrs(3) list out of native memory. {@code struct ifaddrs} is: next, name, flags (unsigned
 * int), addr, netmask, broadaddr/dstaddr, data; pointers are {@code pointerSize} bytes and aligned.
 */
final class InterfaceAddressList {

    /** sockaddr_in: family, port, then the address; sockaddr_in6: family, port, flowinfo, then the address. */
    private static final int IPV4_OFFSET = 4;
    private static final int IPV6_OFFSET = 8;

    private InterfaceAddressList() {
    }

    static List<InterfaceAddress> copy(Pointer first, int pointerSize) {
        int flagsOffset = 2 * pointerSize;
        int addrOffset = align(flagsOffset + 4, pointerSize);
        int netmaskOffset = addrOffset + pointerSize;
        List<InterfaceAddress> entries = new ArrayList<>();
        for (Pointer entry = first; entry != null; entry = pointerAt(entry, 0)) {
            Pointer namePointer = pointerAt(entry, pointerSize);
            String name = namePointer == null ? "" : namePointer.getString(0, 256, StandardCharsets.UTF_8);
            int flags = entry.getInt(flagsOffset);
            Pointer addr = pointerAt(entry, addrOffset);
            Pointer netmask = pointerAt(entry, netmaskOffset);
            int family = addr == null ? 0 : addr.getShort(0) & 0xffff;
            entries.add(new InterfaceAddress(name, flags, family, address(addr, family), netmask == null ? null
                    : address(netmask, family)));
        }
        return entries;
    }

    private static byte[] address(Pointer sockaddr, int family) {
        if (sockaddr == null) {
            return new byte[0];
        }
        byte[] bytes;
        if (family == InterfaceAddress.AF_INET) {
            bytes = new byte[4];
            sockaddr.get(IPV4_OFFSET, bytes, 0, 4);
        } else if (family == InterfaceAddress.AF_INET6) {
            bytes = new byte[16];
            sockaddr.get(IPV6_OFFSET, bytes, 0, 16);
        } else {
            bytes = new byte[0];
        }
        return bytes;
    }

    private static Pointer pointerAt(Pointer base, long offset) {
        return base.getAddress(offset) == 0 ? null : base.getPointer(offset);
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
