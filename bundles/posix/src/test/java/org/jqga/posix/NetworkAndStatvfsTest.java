package org.jqga.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jnr.constants.platform.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** getifaddrs, SIOCGIFHWADDR and statvfs against what the JDK and /sys say about this machine. */
class NetworkAndStatvfsTest {

    @TempDir
    Path dir;

    @Test
    void statvfsAgreesWithTheJdksFileStore() throws Exception {
        FilesystemStatistics stats = Posix.statvfs(dir.toString());
        FileStore store = Files.getFileStore(dir);
        assertTrue(stats.fragmentSize() > 0);
        assertEquals(store.getTotalSpace(), stats.blocks() * stats.fragmentSize());
        assertTrue(stats.freeBlocks() >= stats.availableBlocks());
        assertTrue(stats.blocks() >= stats.freeBlocks());
    }

    @Test
    void statvfsOfAMissingPathFails() {
        PosixException e = assertThrows(PosixException.class, () -> Posix.statvfs(dir.resolve("nothing").toString()));
        assertTrue(e.is(Errno.ENOENT));
    }

    @Test
    void getifaddrsListsEveryLinkThenLoopbackAddresses() throws Exception {
        List<InterfaceAddress> entries = Posix.interfaceAddresses();
        Set<String> links = entries.stream().filter(e -> e.family() == InterfaceAddress.AF_PACKET)
                .map(InterfaceAddress::name).collect(Collectors.toSet());
        try (var sys = Files.list(Path.of("/sys/class/net"))) {
            assertEquals(sys.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), links);
        }
        InterfaceAddress loopback = entries.stream()
                .filter(e -> e.name().equals("lo") && e.family() == InterfaceAddress.AF_INET).findFirst().orElseThrow();
        assertArrayEquals(new byte[] {127, 0, 0, 1}, loopback.address());
        assertArrayEquals(new byte[] {(byte) 255, 0, 0, 0}, loopback.netmask());
        assertTrue((loopback.flags() & 0x8) != 0, "IFF_LOOPBACK");
        // links come first: no AF_PACKET entry after the first address entry
        int firstAddress = indexOf(entries, e -> e.family() == InterfaceAddress.AF_INET || e.family() == InterfaceAddress.AF_INET6);
        assertTrue(entries.subList(firstAddress, entries.size()).stream().noneMatch(e -> e.family() == InterfaceAddress.AF_PACKET));
    }

    @Test
    void ipv6AddressesHaveSixteenBytesAndANetmask() throws Exception {
        for (InterfaceAddress entry : Posix.interfaceAddresses()) {
            if (entry.family() == InterfaceAddress.AF_INET6) {
                assertEquals(16, entry.address().length);
                assertNotNull(entry.netmask());
                assertEquals(16, entry.netmask().length);
            }
        }
    }

    @Test
    void hardwareAddressOfLoopbackIsZeroAndOfOthersMatchesSysfs() throws Exception {
        assertArrayEquals(new byte[6], Posix.hardwareAddress("lo"));
        try (var sys = Files.list(Path.of("/sys/class/net"))) {
            for (Path link : sys.toList()) {
                String name = link.getFileName().toString();
                String sysfs = Files.readString(link.resolve("address")).trim();
                if (sysfs.length() == 17) {
                    assertEquals(sysfs, hex(Posix.hardwareAddress(name)), name);
                }
            }
        }
    }

    @Test
    void hardwareAddressOfAMissingInterfaceFails() {
        PosixException e = assertThrows(PosixException.class, () -> Posix.hardwareAddress("nosuchif0"));
        assertTrue(e.is(Errno.ENODEV), e.strerror());
        assertFalse(e.strerror().isEmpty());
    }

    private static String hex(byte[] mac) {
        StringBuilder text = new StringBuilder();
        for (byte b : mac) {
            text.append(text.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }

    private static <T> int indexOf(List<T> list, java.util.function.Predicate<T> test) {
        for (int i = 0; i < list.size(); i++) {
            if (test.test(list.get(i))) {
                return i;
            }
        }
        return list.size();
    }
}
