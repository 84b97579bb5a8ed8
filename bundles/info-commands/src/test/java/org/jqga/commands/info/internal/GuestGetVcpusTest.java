package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.Test;

class GuestGetVcpusTest {

    @SuppressWarnings("unchecked")
    private static List<GuestGetVcpus.LogicalProcessor> vcpus(SystemPaths paths) throws CommandException {
        return (List<GuestGetVcpus.LogicalProcessor>) new GuestGetVcpus(paths).execute(Sysroots.NONE, null);
    }

    @Test
    void onlineFileRules() throws Exception {
        List<GuestGetVcpus.LogicalProcessor> sorted = new ArrayList<>(vcpus(Sysroots.of("guest")));
        sorted.sort(Comparator.comparingLong(GuestGetVcpus.LogicalProcessor::logicalId));
        assertEquals(List.of(
                new GuestGetVcpus.LogicalProcessor(0, true, false),    // no online file
                new GuestGetVcpus.LogicalProcessor(1, true, true),
                new GuestGetVcpus.LogicalProcessor(2, false, true),    // offline
                new GuestGetVcpus.LogicalProcessor(3, true, true),
                new GuestGetVcpus.LogicalProcessor(12, false, true)),  // a gap before it
                sorted);
    }

    @Test
    void directoryOrderNotNumericOrder() throws Exception {
        SystemPaths guest = Sysroots.of("guest");
        List<Long> listed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(guest.resolve(GuestGetVcpus.CPU_DIRECTORY), "cpu[0-9]*")) {
            entries.forEach(p -> listed.add(Long.parseLong(p.getFileName().toString().substring(3))));
        }
        assertEquals(listed, vcpus(guest).stream().map(GuestGetVcpus.LogicalProcessor::logicalId).toList());
    }

    @Test
    void emptyOnlineFileIsAnError() {
        CommandException e = assertThrows(CommandException.class, () -> vcpus(Sysroots.of("broken")));
        assertEquals("pread(\"/sys/devices/system/cpu/cpu0//online\"): unexpected EOF", e.desc());
    }

    @Test
    void noCpuDirectory() {
        CommandException e = assertThrows(CommandException.class, () -> vcpus(Sysroots.of("bare")));
        assertEquals("failed to list entries: /sys/devices/system/cpu: No such file or directory", e.desc());
    }

    @Test
    void hostListsEveryCpuDirectory() throws Exception {
        long expected;
        try (var entries = Files.list(Path.of("/sys/devices/system/cpu"))) {
            expected = entries.filter(p -> p.getFileName().toString().matches("cpu\\d+")).count();
        }
        assertEquals(expected, vcpus(SystemPaths.HOST).size());
    }
}
