package org.jqga.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jqga.api.TrustedLocation;
import org.jqga.api.RiskGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePolicyTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("jqga-policy.json");
    }

    private static boolean allows(LivePolicy live, String command, String risk) {
        return live.current().decide(command, risk).allowed();
    }

    @Test
    void noFileMeansDefaultsAndAValidFileAppearingIsLoaded() throws Exception {
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
        assertInstanceOf(PolicySource.None.class, live.current().source());
        assertTrue(allows(live, "guest-exec", RiskGroup.EXEC));
        Files.writeString(file, "{\"deny-risk\": [\"exec\"]}");
        live.fileChanged();
        assertFalse(allows(live, "guest-exec", RiskGroup.EXEC));
    }

    @Test
    void aBadChangeIsRejectedWholeAndThePreviousPolicyStays() throws Exception {
        Files.writeString(file, "{\"deny-risk\": [\"exec\"]}");
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
        PolicyModel before = live.current();
        Files.writeString(file, "{\"deny-risk\": [\"power\"], \"block\": [\"guest-ping\"], \"oops\": 1}");
        live.fileChanged();
        assertEquals(before, live.current());
        assertFalse(allows(live, "guest-exec", RiskGroup.EXEC));
        assertTrue(allows(live, "guest-ping", RiskGroup.INFO));
    }

    @Test
    void corruptAtStartFailsClosedUntilFixed() throws Exception {
        Files.writeString(file, "{\"deny-risk\": [\"exec\"");
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
        assertInstanceOf(PolicySource.FailClosed.class, live.current().source());
        assertFalse(allows(live, "guest-get-load", RiskGroup.INFO));
        assertTrue(allows(live, "guest-info", RiskGroup.INFO));
        Files.delete(file);
        live.fileChanged();
        assertFalse(allows(live, "guest-get-load", RiskGroup.INFO), "deleting the file does not open the agent");
        Files.writeString(file, "{}");
        live.fileChanged();
        assertTrue(allows(live, "guest-get-load", RiskGroup.INFO));
    }

    @Test
    void deletingTheFileKeepsTheLastPolicy() throws Exception {
        Files.writeString(file, "{\"block\": [\"guest-get-load\"]}");
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
        Files.delete(file);
        live.fileChanged();
        assertFalse(allows(live, "guest-get-load", RiskGroup.INFO));
    }

    @Test
    void changesWhileFrozenWaitForThaw() throws Exception {
        Files.writeString(file, "{}");
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
        live.frozen(true);
        Files.writeString(file, "{\"block\": [\"guest-get-load\"]}");
        live.fileChanged();
        assertTrue(allows(live, "guest-get-load", RiskGroup.INFO), "queued while frozen");
        live.frozen(false);
        assertFalse(allows(live, "guest-get-load", RiskGroup.INFO), "applied at thaw");
    }

    @Test
    void aFileGroupOrOthersMayWriteIsRefused() throws Exception {
        for (String mode : new String[] {"rw-rw-rw-", "rw-rw-r--"}) {
            Files.writeString(file, "{}");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
            assertInstanceOf(PolicySource.FailClosed.class, live.current().source());
            assertEquals("the file is writable by group or others (mode " + mode + ")",
                    ((PolicySource.FailClosed) live.current().source()).problem());
        }
    }

    @Test
    void aFileOfAnotherUserIsRefused() throws Exception {
        Files.writeString(file, "{}");
        int other = TrustedLocation.agentUid() + 4242;
        Files.setAttribute(file, "unix:uid", other);
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), file);
        assertInstanceOf(PolicySource.FailClosed.class, live.current().source());
        assertEquals("the file is owned by uid " + other + ", not " + TrustedLocation.agentUid(),
                ((PolicySource.FailClosed) live.current().source()).problem());
    }

    @Test
    void emptyPropertyDisablesTheFile() {
        LivePolicy live = new LivePolicy(CommandLineLists.of("", ""), null);
        live.fileChanged();
        assertTrue(allows(live, "guest-exec", RiskGroup.EXEC));
    }
}
