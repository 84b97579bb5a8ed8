package org.jqga.transport.virtio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VsockAddressTest {

    @Test
    void parsesCidAndPort() {
        assertEquals(new VsockAddress(3, 1234), VsockAddress.parse("3:1234"));
        assertEquals(new VsockAddress(4294967295L, 0), VsockAddress.parse("4294967295:0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "3:", ":1234", "3:1234:5", "x:1", "-1:2", "3:+4", "4294967296:1", "3: 4"})
    void rejectsMalformedAddresses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VsockAddress.parse(text));
        assertTrue(e.getMessage().contains("<cid>:<port>"), e.getMessage());
    }
}
