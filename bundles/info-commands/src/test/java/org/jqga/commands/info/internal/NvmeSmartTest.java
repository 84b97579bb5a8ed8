package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The SMART / health log page (NVMe log identifier 02h) as qemu-ga's GuestNVMeSmart members. */
class NvmeSmartTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * A page laid out by hand after the specification: every field a different value, so that a member read
     * from the wrong offset or in the wrong byte order cannot pass.
     */
    private static ByteBuffer constructedPage() {
        ByteBuffer page = ByteBuffer.allocate(NvmeSmart.PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        page.put(0, (byte) 0x05);               // critical warning: spare below threshold, read-only
        page.putShort(1, (short) 0x0143);       // composite temperature 323 K (unaligned)
        page.put(3, (byte) 100);                // available spare %
        page.put(4, (byte) 10);                 // its threshold
        page.put(5, (byte) 255);                // percentage used: may exceed 100, up to 255
        for (int counter = 0; counter < 10; counter++) {
            page.putLong(32 + 16 * counter, 1000L * (counter + 1) + 1);   // low 64 bits
            page.putLong(40 + 16 * counter, counter);                      // high 64 bits
        }
        page.put(191, (byte) 0x7f);              // last byte of the last counter: the high half's top byte
        for (int reserved = 192; reserved < NvmeSmart.PAGE_SIZE; reserved++) {
            page.put(reserved, (byte) 0xee);     // thermal and newer fields, not in the schema
        }
        return page;
    }

    @Test
    void everyMemberComesFromItsOffset() {
        NvmeSmart smart = NvmeSmart.parse(constructedPage());
        assertEquals("nvme", smart.type());
        assertEquals(5, smart.criticalWarning());
        assertEquals(323, smart.temperature());
        assertEquals(100, smart.availableSpare());
        assertEquals(10, smart.availableSpareThreshold());
        assertEquals(255, smart.percentageUsed());
        assertEquals(BigInteger.valueOf(1001), smart.dataUnitsReadLo());
        assertEquals(BigInteger.ZERO, smart.dataUnitsReadHi());
        assertEquals(BigInteger.valueOf(2001), smart.dataUnitsWrittenLo());
        assertEquals(BigInteger.ONE, smart.dataUnitsWrittenHi());
        assertEquals(BigInteger.valueOf(3001), smart.hostReadCommandsLo());
        assertEquals(BigInteger.valueOf(2), smart.hostReadCommandsHi());
        assertEquals(BigInteger.valueOf(4001), smart.hostWriteCommandsLo());
        assertEquals(BigInteger.valueOf(3), smart.hostWriteCommandsHi());
        assertEquals(BigInteger.valueOf(5001), smart.controllerBusyTimeLo());
        assertEquals(BigInteger.valueOf(4), smart.controllerBusyTimeHi());
        assertEquals(BigInteger.valueOf(6001), smart.powerCyclesLo());
        assertEquals(BigInteger.valueOf(5), smart.powerCyclesHi());
        assertEquals(BigInteger.valueOf(7001), smart.powerOnHoursLo());
        assertEquals(BigInteger.valueOf(6), smart.powerOnHoursHi());
        assertEquals(BigInteger.valueOf(8001), smart.unsafeShutdownsLo());
        assertEquals(BigInteger.valueOf(7), smart.unsafeShutdownsHi());
        assertEquals(BigInteger.valueOf(9001), smart.mediaErrorsLo());
        assertEquals(BigInteger.valueOf(8), smart.mediaErrorsHi());
        assertEquals(BigInteger.valueOf(10001), smart.numberOfErrorLogEntriesLo());
        assertEquals(new BigInteger("7f00000000000009", 16), smart.numberOfErrorLogEntriesHi());
    }

    @Test
    void countersAreUnsignedSixtyFourBitHalves() {
        // 2^128 - 1 media errors: both halves all ones; qemu-ga sends each as the uint64 18446744073709551615
        ByteBuffer page = ByteBuffer.allocate(NvmeSmart.PAGE_SIZE);
        page.put(160, HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff"));
        // 2^64 power-on hours: the low half is 0, the high half 1
        page.put(128, HexFormat.of().parseHex("00000000000000000100000000000000"));
        NvmeSmart smart = NvmeSmart.parse(page.clear());
        BigInteger max = new BigInteger("18446744073709551615");
        assertEquals(max, smart.mediaErrorsLo());
        assertEquals(max, smart.mediaErrorsHi());
        assertEquals(BigInteger.ZERO, smart.powerOnHoursLo());
        assertEquals(BigInteger.ONE, smart.powerOnHoursHi());
    }

    @Test
    void theBuffersByteOrderAndPositionDoNotMatter() {
        ByteBuffer page = constructedPage();
        ByteBuffer bigEndianView = ByteBuffer.allocate(NvmeSmart.PAGE_SIZE + 3).position(3);
        bigEndianView.put(page.duplicate().clear()).position(3);
        assertEquals(NvmeSmart.parse(page), NvmeSmart.parse(bigEndianView));
    }

    @Test
    void aShortPageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NvmeSmart.parse(ByteBuffer.allocate(191)));
    }

    @Test
    void jsonHasTheUnionsTypeThenTheSchemasMembersInOrder() throws Exception {
        ByteBuffer page = constructedPage();
        page.putLong(32, -1L);
        assertEquals("{\"type\":\"nvme\",\"critical-warning\":5,\"temperature\":323,\"available-spare\":100,"
                + "\"available-spare-threshold\":10,\"percentage-used\":255,"
                + "\"data-units-read-lo\":18446744073709551615,\"data-units-read-hi\":0,"
                + "\"data-units-written-lo\":2001,\"data-units-written-hi\":1,"
                + "\"host-read-commands-lo\":3001,\"host-read-commands-hi\":2,"
                + "\"host-write-commands-lo\":4001,\"host-write-commands-hi\":3,"
                + "\"controller-busy-time-lo\":5001,\"controller-busy-time-hi\":4,"
                + "\"power-cycles-lo\":6001,\"power-cycles-hi\":5,"
                + "\"power-on-hours-lo\":7001,\"power-on-hours-hi\":6,"
                + "\"unsafe-shutdowns-lo\":8001,\"unsafe-shutdowns-hi\":7,"
                + "\"media-errors-lo\":9001,\"media-errors-hi\":8,"
                + "\"number-of-error-log-entries-lo\":10001,\"number-of-error-log-entries-hi\":9151314442816847881}",
                mapper.writeValueAsString(NvmeSmart.parse(page)));
    }
}
