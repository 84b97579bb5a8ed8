package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.commands.info.internal.GuestNetworkGetInterfaces.IpAddress;
import org.jqga.commands.info.internal.GuestNetworkGetInterfaces.NetworkInterface;
import org.jqga.commands.info.internal.GuestNetworkGetInterfaces.Statistics;
import org.jqga.posix.InterfaceAddress;
import org.jqga.posix.PosixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestNetworkGetInterfacesTest {

    @TempDir
    Path root;

    /** A getifaddrs list in glibc's order: links, then IPv4 (with a label), then IPv6. */
    private static final List<InterfaceAddress> LIST = List.of(
            link("lo"), link("ifb0"), link("eth0"),
            new InterfaceAddress("lo", 0x49, InterfaceAddress.AF_INET, bytes(127, 0, 0, 1), bytes(255, 0, 0, 0)),
            new InterfaceAddress("eth0", 0x1043, InterfaceAddress.AF_INET, bytes(192, 0, 2, 2), bytes(255, 255, 255, 0)),
            new InterfaceAddress("eth0:1", 0x1043, InterfaceAddress.AF_INET, bytes(192, 0, 2, 9), bytes(255, 255, 255, 255)),
            new InterfaceAddress("eth0", 0x1043, InterfaceAddress.AF_INET6,
                    bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0, 0xff, 0xfe, 0, 0, 1),
                    bytes(255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0)),
            new InterfaceAddress("eth0", 0x1043, InterfaceAddress.AF_INET6,
                    bytes(0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), null));

    private final List<String> macQueries = new ArrayList<>();

    private final InterfaceLinks fake = new InterfaceLinks() {
        @Override
        public List<InterfaceAddress> interfaceAddresses() {
            return LIST;
        }

        @Override
        public byte[] hardwareAddress(String name) {
            macQueries.add(name);
            return switch (name) {
                case "lo" -> new byte[6];
                case "eth0", "eth0:1" -> bytes(0x02, 0xfc, 0, 0, 0, 0xab);
                default -> null;
            };
        }
    };

    @SuppressWarnings("unchecked")
    private List<NetworkInterface> run(InterfaceLinks links) throws CommandException {
        return (List<NetworkInterface>) new GuestNetworkGetInterfaces(SampleTree.build("build-vm", root), links)
                .execute(Sysroots.NONE, null);
    }

    @Test
    void oneEntryPerNameInOrderOfFirstAppearance() throws Exception {
        List<NetworkInterface> interfaces = run(fake);
        assertEquals(List.of("lo", "ifb0", "eth0", "eth0:1"), interfaces.stream().map(NetworkInterface::name).toList());

        NetworkInterface lo = interfaces.get(0);
        assertEquals("00:00:00:00:00:00", lo.hardwareAddress());
        assertEquals(List.of(new IpAddress("127.0.0.1", "ipv4", 8)), lo.ipAddresses());
        // the captured /proc/net/dev
        assertEquals(new Statistics(3193, 29, 0, 0, 3193, 29, 0, 0), lo.statistics());

        NetworkInterface ifb0 = interfaces.get(1);
        assertNull(ifb0.hardwareAddress(), "SIOCGIFHWADDR failed: no member");
        assertNull(ifb0.ipAddresses());
        assertNull(ifb0.statistics(), "no address, no statistics");

        NetworkInterface eth0 = interfaces.get(2);
        assertEquals("02:fc:00:00:00:ab", eth0.hardwareAddress());
        assertEquals(List.of(new IpAddress("192.0.2.2", "ipv4", 24), new IpAddress("fe80::fc:ff:fe00:1", "ipv6", 64),
                new IpAddress("fd00::2", "ipv6", 0)), eth0.ipAddresses());
        assertEquals(127976124L, eth0.statistics().rxBytes());
        assertEquals(5407L, eth0.statistics().txPackets());

        NetworkInterface label = interfaces.get(3);
        assertEquals(List.of(new IpAddress("192.0.2.9", "ipv4", 32)), label.ipAddresses());
        assertNull(label.statistics(), "/proc/net/dev has no line for a label");
        // the MAC is asked once per name, until one was obtained (ifb0 keeps failing)
        assertEquals(List.of("lo", "ifb0", "eth0", "eth0:1"), macQueries);
    }

    @Test
    void getifaddrsFailureIsQemuGasError() {
        InterfaceLinks failing = new InterfaceLinks() {
            @Override
            public List<InterfaceAddress> interfaceAddresses() throws PosixException {
                throw new PosixException(24, "Too many open files");
            }

            @Override
            public byte[] hardwareAddress(String name) {
                return null;
            }
        };
        CommandException e = assertThrows(CommandException.class, () -> run(failing));
        assertEquals("getifaddrs failed: Too many open files", e.desc());
    }

    @Test
    void procNetDevLookupMatchesTheWholeNameOnly() {
        String dev = "Inter-|   Receive\n face |bytes\n  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
                + " eth01: 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9\n";
        assertEquals(new Statistics(1, 2, 3, 4, 9, 10, 11, 12), NetDevStatistics.find(dev, "eth0"));
        assertEquals(9, NetDevStatistics.find(dev, "eth01").rxBytes());
        assertNull(NetDevStatistics.find(dev, "eth"));
        assertNull(NetDevStatistics.find("  eth0: 1 2 3\n", "eth0"), "fewer than 16 numbers");
    }

    private static InterfaceAddress link(String name) {
        return new InterfaceAddress(name, 0x1003, InterfaceAddress.AF_PACKET, new byte[0], null);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
