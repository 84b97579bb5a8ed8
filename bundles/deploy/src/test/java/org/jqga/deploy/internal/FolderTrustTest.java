package org.jqga.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner and mode of the deploy folder and its files. The tests chown, so they need root (the agent's user). */
class FolderTrustTest {

    @TempDir
    Path folder;

    private final FolderTrust trust = new FolderTrust(FolderTrust.ROOT);

    @BeforeEach
    void needRoot() throws Exception {
        assumeTrue((Integer) Files.getAttribute(folder, "unix:uid") == 0, "runs as root");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aRootOwnedFolderNobodyElseCanWriteIsTrusted() {
        assertNull(trust.checkFolder(folder));
    }

    @Test
    void aGroupOrWorldWritableFolderIsRefused() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertEquals("deploy folder " + folder + " is writable by group or others (mode rwxrwxr-x)", trust.checkFolder(folder));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xrwx"));
        assertTrue(trust.checkFolder(folder).contains("writable by group or others"));
    }

    @Test
    void aFolderOfAnotherOwnerIsRefused() throws Exception {
        Files.setAttribute(folder, "unix:uid", 4321);
        try {
            assertEquals("deploy folder " + folder + " is owned by uid 4321, not 0", trust.checkFolder(folder));
        } finally {
            Files.setAttribute(folder, "unix:uid", 0);
        }
    }

    @Test
    void filesFollowTheSameRuleAndLinksAreRefused() throws Exception {
        Path jar = TestBundles.drop(folder, "a.jar", TestBundles.jar("a", "1.0.0"));
        assertNull(trust.checkFile(jar));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertTrue(trust.checkFile(jar).contains("writable by group or others"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setAttribute(jar, "unix:uid", 4321);
        assertTrue(trust.checkFile(jar).contains("owned by uid 4321"));
        Path link = Files.createSymbolicLink(folder.resolve("b.jar"), Path.of("/etc/hostname"));
        assertEquals(link + " is not a regular file", trust.checkFile(link));
    }
}
