package org.jqga.commands.info.internal;

/**
 * One interface's counters from /proc/net/dev, found the way qemu-ga finds them: the first line whose text
 * before its first colon (leading blanks dropped) is exactly the name and after it has 16 numbers.
 */
final class NetDevStatistics {

    private NetDevStatistics() {
    }

    /** @return null when the interface has no such line (e.g. an address label like {@code eth0:1}) */
    static GuestNetworkGetInterfaces.Statistics find(String procNetDev, String name) {
        for (String raw : procNetDev.split("\n")) {
            String line = raw.stripLeading();
            int colon = line.indexOf(':');
            if (colon != name.length() || !line.startsWith(name)) {
                continue;
            }
            String[] tokens = line.substring(colon + 1).trim().split("\\s+");
            if (tokens.length < 16) {
                continue;
            }
            long[] v = new long[16];
            try {
                for (int i = 0; i < 16; i++) {
                    v[i] = Long.parseLong(tokens[i]);
                }
            } catch (NumberFormatException e) {
                continue;
            }
            return new GuestNetworkGetInterfaces.Statistics(v[0], v[1], v[2], v[3], v[8], v[9], v[10], v[11]);
        }
        return null;
    }
}
