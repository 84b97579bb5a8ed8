package org.jqga.commands.info.internal;

/**
 * Network addresses as qemu-ga sends them. IP addresses as glibc's inet_ntop(3) writes them: IPv4 dotted quad; IPv6
 * in lower-case hex groups without leading zeros, the first longest run of two or more zero groups written as
 * {@code ::}, and {@code ::a.b.c.d} / {@code ::ffff:a.b.c.d} for IPv4-compatible and -mapped addresses (the JDK's
 * Inet6Address never compresses, so it cannot be used). MAC addresses and netmasks' prefix lengths too.
 */
final class InetText {

    private InetText() {
    }

    static String ipv4(byte[] address, int offset) {
        return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "." + (address[offset + 2] & 0xff)
                + "." + (address[offset + 3] & 0xff);
    }

    static String ipv6(byte[] address) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < 8;) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestBase = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLength == 6 || bestLength == 5 && words[5] == 0xffff)) {
                text.append(ipv4(address, 12));
                break;
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == 8) {
            text.append(':');
        }
        return text.toString();
    }

    /** A MAC address as qemu-ga prints it: six lower-case hex pairs joined by colons. */
    static String mac(byte[] mac) {
        StringBuilder text = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Character.forDigit((mac[i] >> 4) & 0xf, 16)).append(Character.forDigit(mac[i] & 0xf, 16));
        }
        return text.toString();
    }

    /** The number of set bits of a netmask, as qemu-ga counts a prefix; 0 without one. */
    static long prefixLength(byte[] netmask) {
        long bits = 0;
        if (netmask != null) {
            for (byte b : netmask) {
                bits += Integer.bitCount(b & 0xff);
            }
        }
        return bits;
    }
}
