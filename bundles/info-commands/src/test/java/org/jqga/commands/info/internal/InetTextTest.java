package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are glibc's inet_ntop output for the same addresses (taken with Python's socket.inet_ntop). */
class InetTextTest {

    @Test
    void ipv6LikeGlibc() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("::", "::"),
                Map.entry("::1", "::1"),
                Map.entry("::2", "::2"),
                Map.entry("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
                Map.entry("::1.2.3.4", "::1.2.3.4"),
                Map.entry("::0.0.1.0", "::100"),
                Map.entry("1::", "1::"),
                Map.entry("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
                Map.entry("1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"),
                Map.entry("fe80::fc:ff:fe00:1", "fe80::fc:ff:fe00:1"),
                Map.entry("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
                Map.entry("0:0:0:0:0:1:0:0", "::1:0:0"),
                Map.entry("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
                Map.entry("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
                Map.entry("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
                Map.entry("FD00:0:0:0:0:0:0:ABCD", "fd00::abcd"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] bytes = InetAddress.getByName(c.getKey()).getAddress();
            if (bytes.length == 4) {
                // the JDK turns ::ffff:a.b.c.d into an IPv4 address; rebuild the mapped form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            assertEquals(c.getValue(), InetText.ipv6(bytes), c.getKey());
        }
    }

    @Test
    void ipv4DottedQuad() {
        assertEquals("192.0.2.255", InetText.ipv4(new byte[] {(byte) 192, 0, 2, (byte) 255}, 0));
    }

    @Test
    void macAsLowerCaseHexPairs() {
        assertEquals("02:fc:00:0a:ff:ab", InetText.mac(new byte[] {2, (byte) 0xfc, 0, 10, (byte) 0xff, (byte) 0xab}));
    }

    @Test
    void prefixLengthCountsTheNetmasksBits() {
        assertEquals(24, InetText.prefixLength(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}));
        assertEquals(64, InetText.prefixLength(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0}));
        // qemu-ga counts bits, also of a netmask that is not contiguous
        assertEquals(9, InetText.prefixLength(new byte[] {(byte) 255, 0, 1, 0}));
        assertEquals(0, InetText.prefixLength(null));
    }
}
