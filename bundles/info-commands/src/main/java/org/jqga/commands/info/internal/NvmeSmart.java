package org.jqga.commands.info.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * guest-get-disks' {@code smart} for an NVMe disk: qemu-ga's GuestDiskSmart union, i.e. its discriminator
 * {@code type} ("nvme") followed by GuestNVMeSmart's members in schema order, taken from the SMART / Health
 * Information log page (NVMe base specification, log identifier 02h). Every counter on the page is a
 * little-endian 128-bit number; qemu-ga sends its first eight bytes as {@code -lo} and the next eight as
 * {@code -hi}, each a uint64 (hence BigInteger: the JSON number is unsigned).
 *
 * @param temperature the composite temperature in Kelvin
 */
public record NvmeSmart(String type, int criticalWarning, int temperature, int availableSpare,
                        int availableSpareThreshold, int percentageUsed,
                        BigInteger dataUnitsReadLo, BigInteger dataUnitsReadHi,
                        BigInteger dataUnitsWrittenLo, BigInteger dataUnitsWrittenHi,
                        BigInteger hostReadCommandsLo, BigInteger hostReadCommandsHi,
                        BigInteger hostWriteCommandsLo, BigInteger hostWriteCommandsHi,
                        BigInteger controllerBusyTimeLo, BigInteger controllerBusyTimeHi,
                        BigInteger powerCyclesLo, BigInteger powerCyclesHi,
                        BigInteger powerOnHoursLo, BigInteger powerOnHoursHi,
                        BigInteger unsafeShutdownsLo, BigInteger unsafeShutdownsHi,
                        BigInteger mediaErrorsLo, BigInteger mediaErrorsHi,
                        BigInteger numberOfErrorLogEntriesLo, BigInteger numberOfErrorLogEntriesHi) {

    /** The page's length; the members sit in its first 192 bytes, the rest is reserved or newer fields. */
    static final int PAGE_SIZE = 512;
    /** Data Units Read, the first of the ten 16-byte counters that follow each other. */
    private static final int FIRST_COUNTER = 32;

    /** @param page the log page from its start, at least {@value #PAGE_SIZE} bytes; its byte order is ignored */
    static NvmeSmart parse(ByteBuffer page) {
        if (page.remaining() < PAGE_SIZE) {
            throw new IllegalArgumentException("an NVMe health log page has " + PAGE_SIZE + " bytes, not " + page.remaining());
        }
        ByteBuffer le = page.slice().order(ByteOrder.LITTLE_ENDIAN);
        BigInteger[] counters = new BigInteger[20];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = unsigned(le.getLong(FIRST_COUNTER + 8 * i));
        }
        return new NvmeSmart("nvme", Byte.toUnsignedInt(le.get(0)), Short.toUnsignedInt(le.getShort(1)),
                Byte.toUnsignedInt(le.get(3)), Byte.toUnsignedInt(le.get(4)), Byte.toUnsignedInt(le.get(5)),
                counters[0], counters[1], counters[2], counters[3], counters[4], counters[5], counters[6], counters[7],
                counters[8], counters[9], counters[10], counters[11], counters[12], counters[13], counters[14],
                counters[15], counters[16], counters[17], counters[18], counters[19]);
    }

    private static BigInteger unsigned(long bits) {
        return new BigInteger(Long.toUnsignedString(bits));
    }
}
