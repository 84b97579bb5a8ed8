package org.jqga.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.jqga.api.FrozenFilesystems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher against a fake framework: install, update in place, removal, refusals, frozen queueing. */
class DeployFolderTest {

    @TempDir
    Path root;

    private Path folder;
    private final FakeFramework framework = new FakeFramework();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue((Integer) Files.getAttribute(root, "unix:uid") == 0, "runs as root");
        folder = Files.createDirectory(root.resolve("deploy"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private DeployFolder watcher(String key) {
        return new DeployFolder(framework.context, folder.toString(), key, 1_000, FolderTrust.ROOT, false);
    }

    @Test
    void installsUpdatesInPlaceAndRemoves() throws Exception {
        DeployFolder deploy = watcher(null);
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        deploy.scanNow();
        FakeFramework.FakeBundle bundle = framework.only();
        assertEquals("com.example.x", bundle.symbolicName);
        assertEquals(org.osgi.framework.Bundle.ACTIVE, bundle.state);
        assertEquals(folder.resolve("x.jar").toUri().toString(), bundle.location);

        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "2.0.0"));
        deploy.scanNow();
        assertEquals(1, framework.bundles.size(), "updated, not installed beside");
        assertEquals("2.0.0", bundle.version.toString());
        assertEquals(1, bundle.updates);
        assertEquals("1.0.0", deploy.history().previous("x.jar").version());

        deploy.scanNow();
        assertEquals(1, bundle.updates, "an unchanged file is left alone");

        Files.delete(folder.resolve("x.jar"));
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty());
        assertEquals("UNINSTALLED", deploy.lastOutcome("x.jar").state());
    }

    @Test
    void aRestartOnAReusedCacheKeepsTheBundlesItHoldsAndRedeploysTheRest() throws Exception {
        framework.dataArea = Files.createDirectory(root.resolve("data"));
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        TestBundles.drop(folder, "y.jar", TestBundles.jar("com.example.y", "1.0.0"));
        watcher(null).scanNow();
        FakeFramework.FakeBundle x = framework.bundles.get(folder.resolve("x.jar").toUri().toString());
        FakeFramework.FakeBundle y = framework.bundles.get(folder.resolve("y.jar").toUri().toString());

        // restarted: the framework started x from its cache; y was killed before it started and is only resolved
        y.state = org.osgi.framework.Bundle.RESOLVED;
        DeployFolder restarted = watcher(null);
        restarted.scanNow();
        assertEquals(0, x.updates, "the cached bundle was not stopped and updated with the same bytes");
        assertEquals(0, y.updates);
        assertEquals(org.osgi.framework.Bundle.ACTIVE, y.state, "started anyway");
        assertEquals("ACTIVE", restarted.lastOutcome("x.jar").state());
        assertEquals("1.0.0", restarted.history().live("x.jar").version(), "rollback history starts from the kept version");

        // changed while the agent was down, and a cache that lost an update (its bundle is not the one recorded)
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "2.0.0"));
        y.lastModified++;
        watcher(null).scanNow();
        assertEquals("2.0.0", x.version.toString());
        assertEquals(1, x.updates);
        assertEquals(1, y.updates, "redeployed: the record does not vouch for what the cache holds");

        Files.delete(folder.resolve("y.jar"));
        DeployFolder last = watcher(null);
        last.scanNow();
        assertEquals(1, framework.bundles.size(), "a file deleted while down: its bundle goes");
        TestBundles.drop(folder, "y.jar", TestBundles.jar("com.example.y", "1.0.0"));
        last.scanNow();
        assertEquals(0, framework.bundles.get(folder.resolve("y.jar").toUri().toString()).updates, "installed afresh");
        assertTrue(Files.exists(framework.dataArea.resolve("deployed/y.jar.sha256")));
    }

    @Test
    void withoutADataAreaEveryStartDeploysAgain() throws Exception {
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        watcher(null).scanNow();
        watcher(null).scanNow();
        assertEquals(1, framework.only().updates);
    }

    @Test
    void nothingIsDeployedFromAFolderOthersCanWriteOrThatRootDoesNotOwn() throws Exception {
        DeployFolder deploy = watcher(null);
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(folder, "unix:uid", 4321);
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty());
        Files.setAttribute(folder, "unix:uid", 0);
        deploy.scanNow();
        assertEquals(1, framework.bundles.size(), "deployed once the folder is fixed");
    }

    @Test
    void aWritableFileIsRefusedUntilItsModeIsFixed() throws Exception {
        DeployFolder deploy = watcher(null);
        Path jar = TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty());
        assertTrue(deploy.lastOutcome("x.jar").error().contains("writable by group or others"), deploy.lastOutcome("x.jar").error());
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        deploy.scanNow();
        assertEquals(1, framework.bundles.size(), "a chmod is a change too");
    }

    @Test
    void withAKeyOnlySignedBundlesAreDeployedAndATamperedUpdateKeepsTheOldVersion() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path key = TestBundles.writePublicKey(root.resolve("deploy-key.pem"), pair);
        DeployFolder deploy = watcher(key.toString());

        byte[] v1 = TestBundles.jar("com.example.x", "1.0.0");
        TestBundles.drop(folder, "x.jar", v1);
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty(), "unsigned: refused");
        assertEquals("refused x.jar: unsigned (no .sig file beside it)", deploy.lastOutcome("x.jar").error());

        TestBundles.drop(folder, "x.jar.sig", TestBundles.sign(pair.getPrivate(), "Ed25519", v1));
        deploy.scanNow();
        assertEquals("1.0.0", framework.only().version.toString(), "signed: deployed");

        byte[] v2 = TestBundles.jar("com.example.x", "2.0.0");
        TestBundles.drop(folder, "x.jar", v2);
        deploy.scanNow();
        assertEquals("1.0.0", framework.only().version.toString(), "v2 with v1's signature: refused, v1 stays");
        assertEquals("refused x.jar: signature does not match (tampered, or signed by another key)",
                deploy.lastOutcome("x.jar").error());

        TestBundles.drop(folder, "x.jar.sig", TestBundles.sign(pair.getPrivate(), "Ed25519", v2));
        deploy.scanNow();
        assertEquals("2.0.0", framework.only().version.toString());
    }

    @Test
    void anUnreadableKeyRefusesEverything() throws Exception {
        Path key = Files.writeString(root.resolve("bad.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        DeployFolder deploy = watcher(key.toString());
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty());
        assertTrue(deploy.lastOutcome("x.jar").error().contains("deploy key"), deploy.lastOutcome("x.jar").error());
    }

    @Test
    void changesWaitWhileFilesystemsAreFrozen() throws Exception {
        DeployFolder deploy = watcher(null);
        FrozenFilesystems frozen = new FrozenFilesystems() {
        };
        deploy.bindFrozen(frozen);
        TestBundles.drop(folder, "x.jar", TestBundles.jar("com.example.x", "1.0.0"));
        assertTrue(deploy.scanOnce(), "pending");
        assertTrue(framework.bundles.isEmpty(), "nothing written to the bundle cache while frozen");
        deploy.unbindFrozen(frozen);
        deploy.scanNow();
        assertEquals(1, framework.bundles.size(), "applied after thaw");
    }

    @Test
    void aFileStillBeingWrittenIsLeftToSettleAndACompleteOneGoesAtOnce() throws Exception {
        DeployFolder deploy = watcher(null);
        Path jar = folder.resolve("x.jar");
        byte[] whole = TestBundles.jar("com.example.x", "1.0.0");
        Files.write(jar, java.util.Arrays.copyOf(whole, whole.length - 30));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(deploy.scanOnce(), "half a jar, just modified: looked at again later");
        assertTrue(framework.bundles.isEmpty());
        assertNull(deploy.lastOutcome("x.jar"), "not refused either");
        Files.write(jar, whole);
        deploy.scanNow();
        assertEquals(1, framework.bundles.size(), "complete: deployed without waiting to settle");
    }

    @Test
    void zipTailTellsACompleteJar() throws Exception {
        byte[] whole = TestBundles.jar("com.example.x", "1.0.0");
        Path jar = Files.write(folder.resolve("t.jar"), whole);
        assertTrue(ZipTail.looksComplete(jar));
        Files.write(jar, java.util.Arrays.copyOf(whole, whole.length - 1));
        assertTrue(!ZipTail.looksComplete(jar));
        Files.write(jar, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrue(!ZipTail.looksComplete(jar));
    }

    @Test
    void dotFilesNonBundlesAndTakenNamesAreNotDeployed() throws Exception {
        DeployFolder deploy = watcher(null);
        TestBundles.drop(folder, ".x.jar.tmp", TestBundles.jar("com.example.x", "1.0.0"));
        TestBundles.drop(folder, ".y.jar", TestBundles.jar("com.example.y", "1.0.0"));
        TestBundles.drop(folder, "plain.jar", "not a zip".getBytes());
        deploy.scanNow();
        assertTrue(framework.bundles.isEmpty());
        assertNotNull(deploy.lastOutcome("plain.jar").error());

        TestBundles.drop(folder, "a.jar", TestBundles.jar("com.example.same", "1.0.0"));
        deploy.scanNow();
        TestBundles.drop(folder, "b.jar", TestBundles.jar("com.example.same", "2.0.0"));
        deploy.scanNow();
        assertEquals(1, framework.bundles.size(), "a second file with the same symbolic name is refused");
        assertTrue(deploy.lastOutcome("b.jar").error().contains("already belongs to bundle"));
    }

    @Test
    void aBundleThatFailsToStartIsReportedNotFatal() throws Exception {
        DeployFolder deploy = watcher(null);
        TestBundles.drop(folder, "broken.jar", TestBundles.jar("com.example.broken", "1.0.0"));
        deploy.scanNow();
        assertEquals("installed but failed to start: activator failed", deploy.lastOutcome("broken.jar").error());
        assertEquals(org.osgi.framework.Bundle.INSTALLED, framework.only().state);
    }

    @Test
    void vendorRequestsGoThroughTheFolder() throws Exception {
        DeployFolder deploy = new DeployFolder(framework.context, folder.toString(), null, 200, FolderTrust.ROOT, true);
        try {
            DeployRequests requests = new DeployRequests(deploy);
            String v1 = java.util.Base64.getEncoder().encodeToString(TestBundles.jar("com.example.x", "1.0.0"));
            String v2 = java.util.Base64.getEncoder().encodeToString(TestBundles.jar("com.example.x", "2.0.0"));
            DeployRequests.BundleResult installed = requests.put(v1, null, false);
            assertEquals("com.example.x.jar", installed.file());
            assertEquals("1.0.0", installed.version());
            assertTrue(Files.exists(folder.resolve("com.example.x.jar")));
            assertEquals("bundle com.example.x is already deployed; update it instead",
                    org.junit.jupiter.api.Assertions.assertThrows(org.jqga.api.CommandException.class,
                            () -> requests.put(v1, null, false)).desc());

            assertEquals("2.0.0", requests.put(v2, null, true).version());
            assertEquals(installed.id(), framework.only().id, "same bundle");
            assertEquals("1.0.0", requests.rollback("com.example.x").version());
            assertEquals("1.0.0", framework.only().version.toString());
            assertEquals("bundle com.example.x has no previous version to roll back to",
                    org.junit.jupiter.api.Assertions.assertThrows(org.jqga.api.CommandException.class,
                            () -> requests.rollback("com.example.x")).desc());

            assertEquals("UNINSTALLED", requests.remove("com.example.x").state());
            assertTrue(framework.bundles.isEmpty());
            assertEquals("bundle org.jqga.engine is not a deployed bundle; only bundles of the deploy folder can be removed",
                    org.junit.jupiter.api.Assertions.assertThrows(org.jqga.api.CommandException.class,
                            () -> requests.remove("org.jqga.engine")).desc());
        } finally {
            deploy.deactivate();
        }
    }

    @Test
    void withoutAFolderTheCommandsSaySo() throws Exception {
        DeployFolder deploy = new DeployFolder(framework.context, "", null, 200, FolderTrust.ROOT, true);
        assertNull(deploy.folder());
        assertEquals("no deploy folder is configured (org.jqga.deployDir)",
                org.junit.jupiter.api.Assertions.assertThrows(org.jqga.api.CommandException.class,
                        () -> new DeployRequests(deploy).remove("x")).desc());
    }

    @Test
    void aBundleWhoseFileWentAwayWhileTheAgentWasDownIsUninstalled() throws Exception {
        framework.context.installBundle(folder.resolve("gone.jar").toUri().toString(),
                new java.io.ByteArrayInputStream(TestBundles.jar("com.example.gone", "1.0.0")));
        framework.context.installBundle("file:/opt/jqga/bundle/jqga-engine.jar",
                new java.io.ByteArrayInputStream(TestBundles.jar("org.jqga.engine", "1.0.0")));
        watcher(null).scanNow();
        assertEquals(1, framework.bundles.size());
        assertEquals("org.jqga.engine", framework.only().symbolicName, "only the deploy folder's own bundles");
    }
}
