package org.jqga.commands.account.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jqga.api.CommandException;
import org.jqga.api.NoResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ssh key commands on a scratch home, with users from a scratch passwd file. */
class SshAuthorizedKeysTest {

    @TempDir
    Path temp;

    private Path home;
    private Path keysFile;
    private int uid;
    private int gid;
    private UserDatabase users;

    @BeforeEach
    void scratchUser() throws Exception {
        home = Files.createDirectories(temp.resolve("home/alice"));
        keysFile = home.resolve(".ssh/authorized_keys");
        uid = (Integer) Files.getAttribute(temp, "unix:uid");
        gid = (Integer) Files.getAttribute(temp, "unix:gid");
        users = passwd("alice:x:" + uid + ":" + gid + ":Alice:" + home + ":/bin/sh\n");
    }

    private UserDatabase passwd(String content) throws Exception {
        Path file = temp.resolve("passwd");
        Files.writeString(file, "root:x:0:0:root:/root:/bin/bash\nbroken line\n" + content);
        return new PasswdFile(file);
    }

    private List<String> get(String user) throws CommandException {
        return new GuestSshGetAuthorizedKeys(users).execute(new GuestSshGetAuthorizedKeys.Arguments(user), null).keys();
    }

    private Object add(String user, List<String> keys, Boolean reset) throws CommandException {
        return new GuestSshAddAuthorizedKeys(users).execute(new GuestSshAddAuthorizedKeys.Arguments(user, keys, reset), null);
    }

    private Object remove(String user, List<String> keys) throws CommandException {
        return new GuestSshRemoveAuthorizedKeys(users).execute(new GuestSshRemoveAuthorizedKeys.Arguments(user, keys), null);
    }

    private static void assertError(String desc, org.junit.jupiter.api.function.Executable call) {
        assertEquals(desc, assertThrows(CommandException.class, call).desc());
    }

    @Test
    void getStripsSkipsBlankAndCommentLinesAndListsInReverseAsQemuGaDoes() throws Exception {
        Files.createDirectories(keysFile.getParent());
        Files.writeString(keysFile, "  ssh-rsa AAA first\n# a comment\n\n\tssh-ed25519 BBB second  \n   # indented\n");
        assertEquals(List.of("ssh-ed25519 BBB second", "ssh-rsa AAA first"), get("alice"));
    }

    @Test
    void getOfAMissingFileIsQemuGasReadError() {
        assertError("failed to read '" + keysFile + "': Failed to open file \u201c" + keysFile
                + "\u201d: No such file or directory", () -> get("alice"));
    }

    @Test
    void getOfADirectoryIsAReadError() throws Exception {
        Files.createDirectories(keysFile);
        assertError("failed to read '" + keysFile + "': Failed to read from file \u201c" + keysFile
                + "\u201d: Is a directory", () -> get("alice"));
    }

    @Test
    void unknownUsersAreReportedWithoutQemu72sSuccessText() throws Exception {
        assertError("failed to lookup user 'bob': No such user", () -> get("bob"));
        assertError("failed to lookup user 'bob': No such user", () -> add("bob", List.of("ssh-rsa A"), null));
        assertError("failed to lookup user 'bob': No such user", () -> remove("bob", List.of("ssh-rsa A")));
        assertError("failed to lookup user 'alice\0': No such user", () -> get("alice\0"));
        users = new PasswdFile(temp.resolve("no-passwd"));
        assertError("failed to lookup user 'alice': No such file or directory", () -> get("alice"));
    }

    @Test
    void invalidKeysAreRefusedBeforeTheUserIsLookedUp() {
        for (String key : List.of("#ssh-rsa A", "ssh-rsa A\nssh-rsa B", "")) {
            assertError("invalid OpenSSH public key: '" + key + "'", () -> add("bob", List.of("ssh-rsa ok", key), null));
            assertError("invalid OpenSSH public key: '" + key + "'", () -> remove("bob", List.of(key)));
        }
        assertFalse(Files.exists(home.resolve(".ssh")));
    }

    @Test
    void addCreatesAPrivateSshDirectoryAndFileOwnedByTheUser() throws Exception {
        assertSame(NoResult.INSTANCE, add("alice", List.of("ssh-rsa A one", "ssh-ed25519 B two"), null));
        assertEquals("ssh-rsa A one\nssh-ed25519 B two", Files.readString(keysFile), "joined, no final newline");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile)));
        assertEquals(uid, Files.getAttribute(keysFile, "unix:uid"));
        assertEquals(gid, Files.getAttribute(keysFile.getParent(), "unix:gid"));
        try (var left = Files.list(keysFile.getParent())) {
            assertEquals(List.of(keysFile), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void addAppendsOnlyKeysNotPresentByExactMatch() throws Exception {
        add("alice", List.of("ssh-rsa A one"), null);
        add("alice", List.of("ssh-rsa A one", "ssh-rsa A one ", "ssh-ed25519 B", "ssh-ed25519 B"), false);
        assertEquals(List.of("ssh-rsa A one", "ssh-rsa A one ", "ssh-ed25519 B"), List.of(Files.readString(keysFile).split("\n")));
    }

    @Test
    void addKeepsExistingLinesVerbatimIncludingTheEmptyOneAFinalNewlineMakes() throws Exception {
        Files.createDirectories(keysFile.getParent());
        Files.writeString(keysFile, "# managed by hand\nssh-rsa A\n");
        add("alice", List.of("ssh-rsa B"), null);
        assertEquals("# managed by hand\nssh-rsa A\n\nssh-rsa B", Files.readString(keysFile));
    }

    @Test
    void resetReplacesTheContent() throws Exception {
        add("alice", List.of("ssh-rsa A", "ssh-rsa B"), null);
        add("alice", List.of("ssh-rsa C"), true);
        assertEquals("ssh-rsa C", Files.readString(keysFile));
        assertEquals(List.of("ssh-rsa C"), get("alice"));
    }

    @Test
    void anUnreadableFileIsReplacedByAdd() throws Exception {
        Files.createDirectories(keysFile.getParent());
        Path dangling = Files.createSymbolicLink(keysFile, temp.resolve("nowhere"));
        add("alice", List.of("ssh-rsa A"), null);
        assertFalse(Files.isSymbolicLink(dangling));
        assertEquals("ssh-rsa A", Files.readString(keysFile));
    }

    @Test
    void aFileWhereSshShouldBeIsReported() throws Exception {
        Files.writeString(home.resolve(".ssh"), "not a directory");
        assertError("failed to create directory '" + home.resolve(".ssh") + "': File exists",
                () -> add("alice", List.of("ssh-rsa A"), null));
    }

    @Test
    void removeDropsExactMatchesOnly() throws Exception {
        add("alice", List.of("ssh-rsa A", "ssh-rsa B", "ssh-rsa C"), null);
        assertSame(NoResult.INSTANCE, remove("alice", List.of("ssh-rsa B", "ssh-rsa C ", "ssh-rsa Z")));
        assertEquals("ssh-rsa A\nssh-rsa C", Files.readString(keysFile));
        remove("alice", List.of("ssh-rsa A", "ssh-rsa C"));
        assertEquals("", Files.readString(keysFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile)));
    }

    @Test
    void removeWithoutAFileSucceedsAndCreatesNothing() throws Exception {
        remove("alice", List.of("ssh-rsa A"));
        assertFalse(Files.exists(home.resolve(".ssh"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void filesBelongToTheUserEvenWhenTheAgentIsSomeoneElse() throws Exception {
        assumeTrue(uid == 0, "giving files away needs root");
        users = passwd("carol:x:4242:4343::" + home + ":/bin/sh\n");
        add("carol", List.of("ssh-rsa A"), null);
        assertEquals(4242, Files.getAttribute(keysFile, "unix:uid"));
        assertEquals(4343, Files.getAttribute(keysFile, "unix:gid"));
        assertEquals(4242, Files.getAttribute(keysFile.getParent(), "unix:uid"));
        remove("carol", List.of("ssh-rsa A"));
        assertEquals(4242, Files.getAttribute(keysFile, "unix:uid"), "the rewritten file too");
    }
}
