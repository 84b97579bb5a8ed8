package org.jqga.commands.account.internal;

import org.jqga.programs.testing.FakeProgram;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.jqga.api.Base64Argument;
import org.jqga.api.LenientBase64;
import org.jqga.api.CommandException;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guest-set-user-password against a fake chpasswd; the search path only ever names the test directory. */
class GuestSetUserPasswordTest {

    @TempDir
    Path bin;

    private FakeProgram chpasswd;

    @BeforeEach
    void fake() throws Exception {
        chpasswd = FakeProgram.exiting(bin, "chpasswd", 0, "");
    }

    private Object set(String user, String passwordBase64, boolean crypted) throws CommandException {
        return new GuestSetUserPassword(chpasswd.program, bin.toString())
                .execute(new GuestSetUserPassword.Arguments(user, Base64Argument.ofText(passwordBase64), crypted), null);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String desc, String user, String passwordBase64) throws Exception {
        CommandException e = assertThrows(CommandException.class, () -> set(user, passwordBase64, false));
        assertEquals(desc, e.desc());
        assertEquals(List.of(), chpasswd.calls(), "chpasswd must not run");
    }

    @Test
    void aPlainPasswordGoesToChpasswdAsOneLine() throws Exception {
        assertSame(NoResult.INSTANCE, set("alice", b64("s3cret pw"), false));
        assertEquals(List.of(List.of(chpasswd.program.toString())), chpasswd.calls());
        assertEquals("alice:s3cret pw\n", chpasswd.stdin());
    }

    @Test
    void aCryptedPasswordAddsMinusE() throws Exception {
        set("bob", b64("$6$salt$hash"), true);
        assertEquals(List.of(List.of(chpasswd.program.toString(), "-e")), chpasswd.calls());
        assertEquals("bob:$6$salt$hash\n", chpasswd.stdin());
    }

    @Test
    void withoutAConfiguredProgramChpasswdIsSearchedOnThePath() throws Exception {
        new GuestSetUserPassword(null, "/nonexistent:" + bin).execute(new GuestSetUserPassword.Arguments("c", Base64Argument.ofText(b64("x")), false), null);
        assertEquals(List.of(List.of(chpasswd.program.toString())), chpasswd.calls());
        Path empty = Files.createDirectory(bin.resolve("empty"));
        CommandException e = assertThrows(CommandException.class, () -> new GuestSetUserPassword(null, empty.toString())
                .execute(new GuestSetUserPassword.Arguments("c", Base64Argument.ofText(b64("x")), false), null));
        assertEquals("cannot find 'passwd' program in PATH", e.desc());
    }

    @Test
    void checksAndTheirOrder() throws Exception {
        assertRefused("Base64 data contains invalid characters", "a:b", "!!");
        assertRefused("forbidden characters in raw password", "a:b", b64("two\nlines"));
        assertRefused("forbidden characters in raw password", "alice", b64("cut\0here"));
        assertRefused("forbidden characters in username", "a:b", b64("pw"));
        assertRefused("forbidden characters in username", "a\nb", b64("pw"));
        assertRefused("forbidden characters in username", "root\0x", b64("pw"));
    }

    @Test
    void chpasswdsComplaintIsTheError() throws Exception {
        chpasswd = FakeProgram.exiting(bin, "chpasswd", 1, "chpasswd: (user nobody2) pam_chauthtok() failed\n");
        CommandException e = assertThrows(CommandException.class, () -> set("nobody2", b64("pw"), false));
        assertEquals("child process has failed to set user password: chpasswd: (user nobody2) pam_chauthtok() failed\n",
                e.desc());
        chpasswd = FakeProgram.exiting(bin, "chpasswd", 3, "");
        e = assertThrows(CommandException.class, () -> set("x", b64("pw"), false));
        assertEquals("child process has failed to set user password: exit status 3", e.desc());
    }

    @Test
    void aMissingConfiguredProgramIsReported() {
        Path missing = bin.resolve("missing-chpasswd");
        CommandException e = assertThrows(CommandException.class, () -> new GuestSetUserPassword(missing, bin.toString())
                .execute(new GuestSetUserPassword.Arguments("a", Base64Argument.ofText(b64("pw")), false), null));
        assertEquals("child process has failed to set user password: failed to exec '" + missing
                + "': No such file or directory\n", e.desc());
    }

    @Test
    void base64IsDecodedAsLenientlyAsQemuDoes() throws Exception {
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), LenientBase64.decode("aGVs\nbG8="));
        assertArrayEquals("hel".getBytes(StandardCharsets.US_ASCII), LenientBase64.decode("aGVsbG8"), "incomplete group dropped");
        assertArrayEquals("a".getBytes(StandardCharsets.US_ASCII), LenientBase64.decode("YQ=="));
        assertArrayEquals(new byte[0], LenientBase64.decode(""));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe}, LenientBase64.decode("//4="));
        CommandException e = assertThrows(CommandException.class, () -> LenientBase64.decode("YQ== "));
        assertEquals("Base64 data contains invalid characters", e.desc());
    }
}
