package org.jqga.commands.info.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A compiled zone file (TZif, RFC 8536) such as /etc/localtime: its transitions, local time types and, from
 * version 2 on, the POSIX rule of its footer that governs every instant after the last listed transition
 * ("slim" files list only a few).
 */
final class TzifZone implements TimezoneRule {

    private final long[] transitions;
    private final int[] transitionTypes;
    private final Period[] types;
    private final PosixTimezone footer;

    private TzifZone(long[] transitions, int[] transitionTypes, Period[] types, PosixTimezone footer) {
        this.transitions = transitions;
        this.transitionTypes = transitionTypes;
        this.types = types;
        this.footer = footer;
    }

    /** @return the zone, or null if {@code data} is not a TZif file */
    static TzifZone parse(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);   // TZif is big-endian, ByteBuffer's default
            Header v1 = Header.read(in);
            if (v1 == null) {
                return null;
            }
            if (v1.version == 0) {
                return readBlock(in, v1, 4, null);
            }
            in.position(in.position() + v1.blockLength(4));
            Header v2 = Header.read(in);
            if (v2 == null) {
                return null;
            }
            int blockStart = in.position();
            in.position(blockStart + v2.blockLength(8));
            PosixTimezone footer = readFooter(in);
            in.position(blockStart);
            return readBlock(in, v2, 8, footer);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    @Override
    public Period periodAt(long epochSecond) {
        int n = transitions.length;
        if (n > 0 && epochSecond < transitions[0]) {
            return types[0];
        }
        if ((n == 0 || epochSecond >= transitions[n - 1]) && footer != null) {
            return footer.periodAt(epochSecond);
        }
        if (n == 0) {
            return types[0];
        }
        int low = 0;
        int high = n - 1;
        while (low < high) {   // the last transition at or before the instant
            int mid = (low + high + 1) >>> 1;
            if (transitions[mid] <= epochSecond) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return types[transitionTypes[low]];
    }

    private static TzifZone readBlock(ByteBuffer in, Header h, int timeSize, PosixTimezone footer) {
        long[] transitions = new long[h.timecnt];
        for (int k = 0; k < h.timecnt; k++) {
            transitions[k] = timeSize == 8 ? in.getLong() : in.getInt();
        }
        int[] transitionTypes = new int[h.timecnt];
        for (int k = 0; k < h.timecnt; k++) {
            transitionTypes[k] = Byte.toUnsignedInt(in.get());
            if (transitionTypes[k] >= h.typecnt) {
                throw new IllegalArgumentException("transition type out of range");
            }
        }
        int[] offsets = new int[h.typecnt];
        boolean[] dst = new boolean[h.typecnt];
        int[] designations = new int[h.typecnt];
        for (int k = 0; k < h.typecnt; k++) {
            offsets[k] = in.getInt();
            dst[k] = in.get() != 0;
            designations[k] = Byte.toUnsignedInt(in.get());
        }
        byte[] chars = new byte[h.charcnt];
        in.get(chars);
        Period[] types = new Period[h.typecnt];
        for (int k = 0; k < h.typecnt; k++) {
            int end = designations[k];
            while (end < chars.length && chars[end] != 0) {
                end++;
            }
            types[k] = new Period(new String(chars, designations[k], end - designations[k], StandardCharsets.US_ASCII),
                    offsets[k], dst[k]);
        }
        if (types.length == 0) {
            throw new IllegalArgumentException("no local time types");
        }
        return new TzifZone(transitions, transitionTypes, types, footer);
    }

    private static PosixTimezone readFooter(ByteBuffer in) {
        if (!in.hasRemaining() || in.get() != '\n') {
            return null;
        }
        int start = in.position();
        int end = start;
        while (end < in.limit() && in.get(end) != '\n') {
            end++;
        }
        if (end == start) {
            return null;
        }
        return PosixTimezone.parse(new String(in.array(), start, end - start, StandardCharsets.US_ASCII));
    }

    private record Header(int version, int isutcnt, int isstdcnt, int leapcnt, int timecnt, int typecnt, int charcnt) {

        static Header read(ByteBuffer in) {
            if (in.remaining() < 44 || in.get() != 'T' || in.get() != 'Z' || in.get() != 'i' || in.get() != 'f') {
                return null;
            }
            byte version = in.get();
            in.position(in.position() + 15);
            return new Header(version == 0 ? 0 : version - '0', in.getInt(), in.getInt(), in.getInt(), in.getInt(),
                    in.getInt(), in.getInt());
        }

        int blockLength(int timeSize) {
            return timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
        }
    }
}
