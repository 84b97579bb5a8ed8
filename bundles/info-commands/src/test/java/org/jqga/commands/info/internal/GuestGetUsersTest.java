package org.jqga.commands.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample utmp files were written by util-linux's utmpdump -r (glibc's struct utmp) from
 * sysroots/guest-utmp.txt; qemu-ga 7.2 reading the guest one answered exactly the list expected here.
 */
class GuestGetUsersTest {

    @Test
    void oneEntryPerUserWithTheEarliestLogin() {
        assertEquals(List.of(
                        new GuestGetUsers.User("alice", 1709279999.999999),
                        new GuestGetUsers.User("bob", 1709284800.000001),
                        new GuestGetUsers.User("a-very-long-user-name-of-32-char", 1709294400.0)),
                new GuestGetUsers(Sysroots.of("guest")).execute(Sysroots.NONE, null));
    }

    @Test
    void everyRecordIsRead() throws Exception {
        List<UtmpFile.Entry> entries = UtmpFile.parse(
                Files.readAllBytes(Sysroots.of("guest").resolve(GuestGetUsers.UTMP)), ByteOrder.LITTLE_ENDIAN);
        assertEquals(9, entries.size());
        assertEquals(new UtmpFile.Entry((short) 2, "reboot", 1709280000, 0), entries.get(0));
        assertEquals(new UtmpFile.Entry((short) 8, "carol", 1709287200, 0), entries.get(6));
    }

    @Test
    void aTornLastRecordIsIgnored() {
        assertEquals(List.of(new GuestGetUsers.User("alice", 1709284530.25)),
                new GuestGetUsers(Sysroots.of("broken")).execute(Sysroots.NONE, null));
    }

    @Test
    void noUtmpFileMeansNobody() {
        assertEquals(List.of(), new GuestGetUsers(Sysroots.of("bare")).execute(Sysroots.NONE, null));
    }

    @Test
    void aLogoutIsSeenAtTheNextRequest(@TempDir Path root) throws Exception {
        Path utmp = root.resolve(GuestGetUsers.UTMP.substring(1));
        Files.createDirectories(utmp.getParent());
        Files.copy(Sysroots.of("guest").resolve(GuestGetUsers.UTMP), utmp);
        GuestGetUsers command = new GuestGetUsers(new SystemPaths(root));
        assertEquals(3, ((List<?>) command.execute(Sysroots.NONE, null)).size());

        Files.write(utmp, new byte[0]);
        assertEquals(List.of(), command.execute(Sysroots.NONE, null));
    }
}
