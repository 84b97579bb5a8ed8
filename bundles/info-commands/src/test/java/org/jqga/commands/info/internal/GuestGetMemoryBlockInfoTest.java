package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jqga.api.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuestGetMemoryBlockInfoTest {

    @Test
    void hexBlockSize() throws Exception {
        assertEquals(new GuestGetMemoryBlockInfo.MemoryBlockInfo(0x8000000),
                new GuestGetMemoryBlockInfo(Sysroots.of("guest")).execute(Sysroots.NONE, null));
    }

    @Test
    void prefixAndTrailingGarbageAsStrtolReadsThem() throws Exception {
        assertEquals(new GuestGetMemoryBlockInfo.MemoryBlockInfo(0x10000000),
                new GuestGetMemoryBlockInfo(Sysroots.of("broken")).execute(Sysroots.NONE, null));
    }

    @Test
    void noSysfsDirectory() {
        CommandException e = assertThrows(CommandException.class,
                () -> new GuestGetMemoryBlockInfo(Sysroots.of("bare")).execute(Sysroots.NONE, null));
        assertEquals("open(\"/sys/devices/system/memory/\"): No such file or directory", e.desc());
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '~', value = {
        "8000000, 134217728", "~ 0x10\n~, 16", "-10, -16", "0x, 0", "0xg, 0", "zz, 0", "~~, 0",
        "ffffffffffffffffffff, 9223372036854775807"})
    void strtolBase16(String text, long expected) {
        assertEquals(expected, GuestGetMemoryBlockInfo.strtolHex(text));
    }
}
