package org.jqga.commands.hardware.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.jqga.api.CommandException;

/**
 * guest-set-memory-blocks' phys-index, a QAPI uint64. The engine binds int64 only, so the member is taken as
 * JSON and checked here with QEMU's rule and text: any integer from -2^63 to 2^64-1 (negative ones wrap, as
 * QEMU accepts them for compatibility), anything else "expects uint64". Held as the 64 bits of the value.
 */
record MemoryBlockIndex(long bits) {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    static MemoryBlockIndex of(JsonNode value, String path) throws CommandException {
        if (value.isIntegralNumber()) {
            if (value.canConvertToLong()) {
                return new MemoryBlockIndex(value.longValue());
            }
            BigInteger big = value.bigIntegerValue();
            if (big.signum() > 0 && big.compareTo(TWO_TO_64) < 0) {
                return new MemoryBlockIndex(big.longValue());
            }
        }
        throw CommandException.genericError("Parameter '" + path + "' expects uint64");
    }

    /** The index as the host sees it: unsigned. */
    Number unsigned() {
        return bits >= 0 ? (Number) bits : new BigInteger(Long.toUnsignedString(bits));
    }

    /** The directory name qemu-ga builds with PRId64, i.e. signed: indexes of 2^63 and up are never found. */
    String directoryName() {
        return "memory" + bits;
    }
}
