package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.Test;

class GuestGetCpustatsTest {

    @SuppressWarnings("unchecked")
    private static List<GuestGetCpustats.CpuStats> stats(String sysroot, long hz) throws CommandException {
        return (List<GuestGetCpustats.CpuStats>) new GuestGetCpustats(Sysroots.of(sysroot), () -> hz)
                .execute(Sysroots.NONE, null);
    }

    @Test
    void perCpuLinesInMilliseconds() throws Exception {
        assertEquals(List.of(
                new GuestGetCpustats.CpuStats("linux", 0, 464990, 10, 159120, 886580, 740L, 0L, 3220L, 0L, 0L, 0L),
                new GuestGetCpustats.CpuStats("linux", 1, 470000, 0, 173280, 863370, 4680L, 70L, 3330L, 120L, 340L, 560L),
                // an old kernel's four columns: no optional members
                new GuestGetCpustats.CpuStats("linux", 3, 100, 200, 300, 400, null, null, null, null, null, null),
                // six columns: iowait and irq, but no softirq (qemu-ga would send an uninitialised one)
                new GuestGetCpustats.CpuStats("linux", 4, 100, 200, 300, 400, 500L, 600L, null, null, null, null)),
                stats("guest", 100));
    }

    @Test
    void userHzOtherThan100() throws Exception {
        GuestGetCpustats.CpuStats cpu0 = stats("guest", 250).get(0);
        assertEquals(46499L * 1000 / 250, cpu0.user());
        assertEquals(322L * 1000 / 250, cpu0.softirq());
    }

    @Test
    void aShortCpuLineEndsTheList() throws Exception {
        assertEquals(List.of(new GuestGetCpustats.CpuStats("linux", 0, 1000, 2000, 3000, 4000, 5000L, 6000L, 7000L,
                8000L, 9000L, 10000L)), stats("broken", 100));
    }

    @Test
    void missingProcStat() {
        CommandException e = assertThrows(CommandException.class, () -> stats("bare", 100));
        assertEquals("open(\"/proc/stat\"): No such file or directory", e.desc());
    }

    @Test
    void hostHasOneLinePerCpuWithEveryColumn() throws Exception {
        @SuppressWarnings("unchecked")
        List<GuestGetCpustats.CpuStats> host = (List<GuestGetCpustats.CpuStats>)
                new GuestGetCpustats(SystemPaths.HOST, ClockTicks::perSecond).execute(Sysroots.NONE, null);
        assertFalse(host.isEmpty());
        for (GuestGetCpustats.CpuStats cpu : host) {
            assertTrue(cpu.guestnice() != null && cpu.idle() > 0, cpu.toString());
        }
    }

    /** glibc's sysconf(_SC_CLK_TCK) is the kernel's AT_CLKTCK auxiliary vector entry: read it independently. */
    @Test
    void clockTicksAreTheKernels() throws Exception {
        java.nio.ByteBuffer auxv = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/auxv")))
                .order(java.nio.ByteOrder.nativeOrder());
        long kernel = -1;
        while (auxv.remaining() >= 16) {
            long type = auxv.getLong();
            long value = auxv.getLong();
            if (type == 17) {   // AT_CLKTCK
                kernel = value;
            }
        }
        assertEquals(kernel, ClockTicks.perSecond());
    }
}
