package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.junit.jupiter.api.Test;

class GuestGetLoadTest {

    @Test
    void firstThreeFieldsOfLoadavg() throws Exception {
        assertEquals(new GuestGetLoad.LoadAverage(0.52, 1.25, 2.0),
                new GuestGetLoad(Sysroots.of("guest")).execute(Sysroots.NONE, null));
    }

    @Test
    void missingFile() {
        CommandException e = assertThrows(CommandException.class,
                () -> new GuestGetLoad(Sysroots.of("bare")).execute(Sysroots.NONE, null));
        assertEquals(ErrorClass.GenericError, e.errorClass());
        assertEquals("cannot query load average: No such file or directory", e.desc());
    }

    @Test
    void malformedFile() {
        CommandException e = assertThrows(CommandException.class,
                () -> new GuestGetLoad(Sysroots.of("broken")).execute(Sysroots.NONE, null));
        assertEquals("cannot query load average: Invalid argument", e.desc());
    }

    @Test
    void hostLoad() throws Exception {
        GuestGetLoad.LoadAverage load = (GuestGetLoad.LoadAverage) new GuestGetLoad(SystemPaths.HOST).execute(Sysroots.NONE, null);
        assertTrue(load.load1m() >= 0 && load.load5m() >= 0 && load.load15m() >= 0, load.toString());
    }
}
