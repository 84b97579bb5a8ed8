package org.jqga.transport.virtio.internal;

import java.net.SocketException;
import org.newsclub.net.unix.AFVSOCKSocketAddress;

/** A vsock-listen path, {@code <cid>:<port>}, both unsigned 32-bit numbers as in qemu-ga. */
record VsockAddress(long cid, long port) {

    private static final long MAX_U32 = 0xFFFF_FFFFL;

    static VsockAddress parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw invalid(text);
        }
        return new VsockAddress(u32(parts[0], text), u32(parts[1], text));
    }

    /** junixsocket takes the unsigned numbers as Java ints (same 32 bits). */
    AFVSOCKSocketAddress toSocketAddress() throws SocketException {
        return AFVSOCKSocketAddress.ofPortAndCID((int) port, (int) cid);
    }

    @Override
    public String toString() {
        return cid + ":" + port;
    }

    private static long u32(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text);
        }
        long value = Long.parseLong(digits);
        if (value > MAX_U32) {
            throw invalid(text);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "invalid vsock-listen address '" + text + "': expected <cid>:<port>, e.g. 3:1234");
    }
}
