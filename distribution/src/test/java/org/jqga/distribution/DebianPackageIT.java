package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build makes: its control data and contents, then install, upgrade, remove and purge with dpkg.
 *
 * <p>Into an empty root of its own (dpkg --root with its own database, maintainer scripts run with DPKG_ROOT
 * set): on this machine's own root the package would have to remove Debian's qemu-guest-agent, which it
 * conflicts with and which the differential tests use as their oracle. The scripts are written for DPKG_ROOT
 * and leave systemd alone there, so this runs every line of them except the systemctl calls.
 */
class DebianPackageIT {

    private static final Path DEB = AgentProcess.DISTRIBUTION.resolveSibling(
            "jqga_" + System.getProperty("jqga.version", "0.1.0") + "_all.deb");

    @TempDir
    Path root;

    @BeforeAll
    static void packageWasBuilt() {
        assertTrue(Files.isRegularFile(DEB), DEB + " is missing: mvn package builds it");
    }

    @Test
    void declaresADropInReplacementForQemuGuestAgent() throws Exception {
        assertEquals("jqga", field("Package"));
        assertEquals(System.getProperty("jqga.version", "0.1.0"), field("Version"));
        assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless", field("Depends"));
        assertEquals("qemu-guest-agent", field("Provides"));
        assertEquals("qemu-guest-agent", field("Conflicts"));
        assertEquals("qemu-guest-agent", field("Replaces"));
        assertEquals(List.of("/etc/qemu/qemu-ga.conf", "/etc/qemu/jqga-policy.json"),
                run("dpkg-deb", "--info", DEB.toString(), "conffiles").strip().lines().toList());
    }

    @Test
    void shipsTheLayoutWithOwnersAndModes() throws Exception {
        String contents = run("dpkg-deb", "--contents", DEB.toString());
        assertTrue(contents.matches("(?s).*-rwxr-xr-x root/root +\\d+ [-\\d]+ [:\\d]+ \\./usr/share/jqga/bin/jqga\n.*"),
                contents);
        assertTrue(contents.contains("./usr/sbin/jqga -> ../share/jqga/bin/jqga"), contents);
        assertTrue(contents.contains("./usr/bin/jqga-client -> ../share/jqga/bin/jqga-client"), contents);
        assertTrue(contents.contains("./usr/share/jqga/lib/jqga-client.jar"), contents);
        assertTrue(contents.matches("(?s).*drwxr-xr-x root/root +0 [-\\d]+ [:\\d]+ \\./var/lib/jqga/deploy/\n.*"),
                contents);
        assertTrue(contents.contains("./usr/share/jqga/deploy -> /var/lib/jqga/deploy"), contents);
        assertTrue(contents.contains("./lib/systemd/system/jqga.service"), contents);
        assertTrue(contents.contains("./usr/share/jqga/lib/jqga-launcher.jar"), contents);
        assertTrue(contents.contains("./usr/share/jqga/bundle/jqga-transport-virtio.jar"), contents);
        assertFalse(contents.contains("/lib/cds/"), "the build JVM's CDS archive is not for the target machine");
        assertTrue(contents.matches("(?s).*-rwxr-xr-x root/root +\\d+ [-\\d]+ [:\\d]+ \\./usr/share/jqga/bin/jqga-train\n.*"),
                "postinst makes it there: " + contents);
        assertEquals("interest-noawait /usr/lib/jvm", run("dpkg-deb", "--info", DEB.toString(), "triggers").lines()
                .filter(line -> !line.startsWith("#")).findFirst().orElseThrow(), "a changed JDK makes postinst train again");
        assertFalse(contents.contains("./etc/qemu/fsfreeze-hook"), "that file belongs to qemu-guest-agent");
    }

    @Test
    void installsUpgradesRemovesAndPurgesCleanly() throws Exception {
        prepareDpkgDatabase();
        dpkg("--force-depends", "-i", DEB.toString());
        assertEquals("install ok installed", run("dpkg", "--root=" + root, "-s", "jqga").lines()
                .filter(l -> l.startsWith("Status: ")).findFirst().orElseThrow().substring(8));

        Path launcherLink = root.resolve("usr/sbin/jqga");
        assertTrue(Files.isSymbolicLink(launcherLink));
        assertEquals(root.resolve("usr/share/jqga/bin/jqga"), launcherLink.toRealPath());
        // the installed start script finds its installation through the symlink
        assertTrue(run(launcherLink.toString(), "-V").startsWith("QEMU Guest Agent "));
        assertTrue(run(root.resolve("usr/bin/jqga-client").toString(), "--help").contains("Usage: jqga-client"));
        Path deploy = root.resolve("var/lib/jqga/deploy");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(deploy)));
        assertEquals("root", Files.getOwner(deploy, LinkOption.NOFOLLOW_LINKS).getName());
        assertEquals("{}", Files.readString(root.resolve("etc/qemu/jqga-policy.json")).strip());
        assertTrue(Files.readString(root.resolve("etc/qemu/qemu-ga.conf")).contains("[general]"));

        // upgrade (same package again): the administrator's configuration and deployed bundles stay
        Path config = root.resolve("etc/qemu/qemu-ga.conf");
        Files.writeString(config, Files.readString(config) + "method=unix-listen\npath=/run/qga.sock\n");
        Path custom = Files.writeString(deploy.resolve("custom-command.jar"), "not really a jar");
        dpkg("--force-depends", "--force-confold", "-i", DEB.toString());
        assertTrue(Files.readString(config).contains("path=/run/qga.sock"), "a changed conffile survives");
        assertTrue(Files.exists(custom));

        // into another root postinst makes no archives: that root's JVM is not the one running here
        assertFalse(Files.exists(root.resolve("usr/share/jqga/lib/cds")));

        // remove: the program goes, with what jqga-train made beside it; configuration and deployed bundles stay
        Files.createDirectories(root.resolve("usr/share/jqga/lib/cds/bundle-cache"));
        Files.writeString(root.resolve("usr/share/jqga/lib/cds/jqga-1-2.jsa"), "an archive jqga-train made");
        dpkg("-r", "jqga");
        assertFalse(Files.exists(root.resolve("usr/share/jqga")));
        assertFalse(Files.exists(launcherLink, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("lib/systemd/system/jqga.service")));
        assertTrue(Files.exists(config));
        assertTrue(Files.exists(custom));

        // purge: nothing of jqga is left
        dpkg("-P", "jqga");
        assertFalse(Files.exists(root.resolve("etc/qemu/qemu-ga.conf")));
        assertFalse(Files.exists(root.resolve("etc/qemu/jqga-policy.json")));
        assertFalse(Files.exists(root.resolve("var/lib/jqga")));
        assertFalse(run("dpkg", "--root=" + root, "-l").contains("jqga"));
    }

    /** systemd-analyze verify on the shipped unit, and on a broken copy to show that verify does catch errors. */
    @Test
    void shipsAUnitSystemdAccepts() throws Exception {
        Path extracted = root.resolve("x");
        run("dpkg-deb", "-x", DEB.toString(), extracted.toString());
        Path unit = extracted.resolve("lib/systemd/system/jqga.service");
        String text = Files.readString(unit);
        assertTrue(text.contains("BindsTo=dev-virtio\\x2dports-org.qemu.guest_agent.0.device"), text);
        assertTrue(text.contains("ExecStart=-/usr/sbin/jqga\n"), text);
        assertTrue(text.contains("ExecReload=/bin/kill -HUP $MAINPID"), text);
        assertEquals(0, exitStatus("systemd-analyze", "verify", unit.toString()), "systemd-analyze verify " + unit);

        Path broken = Files.writeString(root.resolve("broken.service"), text.replace("ExecStart=", "ExecStrat="));
        assertTrue(exitStatus("systemd-analyze", "verify", broken.toString()) != 0);
    }

    @Test
    void leavesTheMachinesOwnQemuGuestAgentAlone() throws Exception {
        // the oracle of the differential tests; nothing above may have touched it
        assertTrue(run("dpkg", "-s", "qemu-guest-agent").contains("Status: install ok installed"));
        assertFalse(run("dpkg-query", "-W", "-f=${db:Status-Abbrev}", "jqga").startsWith("ii"));
    }

    private void prepareDpkgDatabase() throws IOException {
        for (String dir : List.of("info", "updates", "triggers")) {
            Files.createDirectories(root.resolve("var/lib/dpkg").resolve(dir));
        }
        Files.createFile(root.resolve("var/lib/dpkg/status"));
    }

    private void dpkg(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--log=/dev/null"));
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private static String field(String name) throws Exception {
        return run("dpkg-deb", "--field", DEB.toString(), name).strip();
    }

    private static String run(String... command) throws Exception {
        Result result = execute(command);
        if (result.status() != 0 && !command[0].equals("dpkg-query")) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.status() + "):\n" + result.output());
        }
        return result.output();
    }

    private static int exitStatus(String... command) throws Exception {
        return execute(command).status();
    }

    private record Result(int status, String output) {
    }

    private static Result execute(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
