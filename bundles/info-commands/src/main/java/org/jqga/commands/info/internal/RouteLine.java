package org.jqga.commands.info.internal;

import org.jqga.commands.info.internal.GuestNetworkGetRoute.Route;

/**
 * One line of /proc/net/route or /proc/net/ipv6_route as a route, read the way qemu-ga's sscanf formats read it
 * (hex columns kept to 32 bits, a decimal column into an int); null for a line those formats would not match.
 */
final class RouteLine {

    private RouteLine() {
    }

    /** {@code Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT}, addresses as %08X. */
    static Route ipv4(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length < 11) {
            return null;
        }
        Long destination = hex32(t[1]);
        Long gateway = hex32(t[2]);
        Long flags = hex32(t[3]);
        Long mask = hex32(t[7]);
        Integer refcnt = int32(t[4]);
        Integer use = int32(t[5]);
        Integer metric = int32(t[6]);
        Integer mtu = int32(t[8]);
        Integer window = int32(t[9]);
        Integer irtt = int32(t[10]);
        if (destination == null || gateway == null || flags == null || mask == null || refcnt == null || use == null
                || metric == null || mtu == null || window == null || irtt == null) {
            return null;
        }
        return new Route(t[0], quad(destination), metric, quad(gateway), quad(mask), (long) irtt, flags,
                (long) refcnt, (long) use, (long) window, (long) mtu, null, null, null, null, 4);
    }

    /** {@code destination dst_len source src_len next_hop metric refcnt use flags iface}, all hex. */
    static Route ipv6(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length < 10 || t[0].length() > 32 || t[2].length() > 32 || t[4].length() > 32) {
            return null;
        }
        Long destinationLength = hex32(t[1]);
        Long sourceLength = hex32(t[3]);
        Long metric = hex32(t[5]);
        Long refcnt = hex32(t[6]);
        Long use = hex32(t[7]);
        Long flags = hex32(t[8]);
        if (destinationLength == null || sourceLength == null || metric == null || refcnt == null || use == null
                || flags == null) {
            return null;
        }
        String destination = ipv6Text(t[0]);
        if (destination == null) {
            return null;
        }
        // qemu-ga prints the prefix lengths with %d from an int
        return new Route(t[9], destination, metric, null, null, null, flags, refcnt, use, null, null,
                Integer.toString(destinationLength.intValue()), ipv6Text(t[2]), Integer.toString(sourceLength.intValue()),
                ipv6Text(t[4]), 6);
    }

    /** The in-memory u32 of a network-order address, printed by the kernel as hex: bytes reversed. */
    private static String quad(long value) {
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }

    /** 32 hex digits, two per byte; null when a byte does not start with a hex digit (qemu-ga's %02hhx). */
    private static String ipv6Text(String hex) {
        byte[] address = new byte[16];
        for (int i = 0; i < 16; i++) {
            int at = 2 * i;
            if (at >= hex.length() || Character.digit(hex.charAt(at), 16) < 0) {
                return null;
            }
            int value = Character.digit(hex.charAt(at), 16);
            if (at + 1 < hex.length() && Character.digit(hex.charAt(at + 1), 16) >= 0) {
                value = value * 16 + Character.digit(hex.charAt(at + 1), 16);
            }
            address[i] = (byte) value;
        }
        return InetText.ipv6(address);
    }

    /** %x / %X: unsigned hex, kept to 32 bits; null when the token is not hex. */
    private static Long hex32(String token) {
        String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
        if (digits.isEmpty() || digits.length() > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(digits, 16) & 0xffffffffL;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** %d into an int. */
    private static Integer int32(String token) {
        try {
            return (int) Long.parseLong(token);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
