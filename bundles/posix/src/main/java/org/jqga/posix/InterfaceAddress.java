package org.jqga.posix;

/**
 * One entry of getifaddrs(3), in the C library's order: every link first (family {@link #AF_PACKET}), then
 * the IPv4 and IPv6 addresses. IPv4 entries of an address with a label carry the label as the name
 * ({@code eth0:1}).
 *
 * @param name the interface name (or IPv4 label)
 * @param flags the interface's {@code IFF_*} flags
 * @param family the address family of {@code address}: {@link #AF_INET}, {@link #AF_INET6}, {@link #AF_PACKET},
 *     or 0 for an entry without an address
 * @param address the raw address in network byte order: 4 bytes (IPv4), 16 (IPv6); empty for other families
 * @param netmask the netmask in the same form, or null when the entry has none
 */
public record InterfaceAddress(String name, int flags, int family, byte[] address, byte[] netmask) {

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;
}
