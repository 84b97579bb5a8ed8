package org.jqga.commands.account.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** getpwnam through jnr-posix, read-only: root exists on every Linux system, the other name nowhere. */
class NssUserDatabaseTest {

    @Test
    void findsRootAndNotAnInventedUser() {
        UserAccount root = new NssUserDatabase().find("root").orElseThrow();
        assertEquals(new UserAccount("root", 0, 0, Path.of("/root")), root);
        assertTrue(new NssUserDatabase().find("jqga-no-such-user-7f3a").isEmpty());
    }
}
