package org.jqga.commands.info.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads glibc's utmp file (/var/run/utmp) in Java. glibc on x86_64 and aarch64 writes fixed 384-byte
 * {@code struct utmp} records in native byte order with 32-bit session and time fields (both define
 * __WORDSIZE_TIME64_COMPAT32 so the file stays compatible with 32-bit programs), which is what getutxent()
 * hands qemu-ga. Parsing it directly costs no native binding and no lock: glibc's readers do not lock
 * either, they read whole records, and so does this. A trailing partial record is ignored.
 */
final class UtmpFile {

    static final int RECORD_SIZE = 384;
    static final short USER_PROCESS = 7;

    private static final int TYPE = 0;
    private static final int USER = 44;
    private static final int USER_LENGTH = 32;
    private static final int TV_SEC = 340;
    private static final int TV_USEC = 344;

    /** One login record: the user name (up to 32 bytes, not necessarily NUL-terminated) and its login time. */
    record Entry(short type, String user, int seconds, int microseconds) {

        /** Fractional epoch seconds, computed as qemu-ga does (seconds + microseconds / 10^6 in doubles). */
        double loginTime() {
            return (double) seconds + (double) microseconds / 1_000_000.0;
        }
    }

    private UtmpFile() {
    }

    static List<Entry> parse(byte[] content, ByteOrder order) {
        ByteBuffer in = ByteBuffer.wrap(content).order(order);
        List<Entry> entries = new ArrayList<>(content.length / RECORD_SIZE);
        for (int base = 0; base + RECORD_SIZE <= content.length; base += RECORD_SIZE) {
            entries.add(new Entry(in.getShort(base + TYPE), cString(content, base + USER, USER_LENGTH),
                    in.getInt(base + TV_SEC), in.getInt(base + TV_USEC)));
        }
        return entries;
    }

    private static String cString(byte[] bytes, int offset, int maxLength) {
        int end = offset;
        while (end < offset + maxLength && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
