package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher paths that end before Felix starts: errors, -V, -h, -D, configuration file handling. */
class LauncherCommandLineTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment,
                new LauncherProperties("9.8.7", "2.0.20")).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with QGA_CONF pointing at a file with this content. */
    private Run runWithConfig(String content, String... args) throws IOException {
        Path conf = dir.resolve("qemu-ga.conf");
        Files.writeString(conf, content);
        return run(Map.of("QGA_CONF", conf.toString()), args);
    }

    private Run runWithoutConfig(String... args) {
        return run(Map.of("QGA_CONF", dir.resolve("absent.conf").toString()), args);
    }

    @Test
    void unknownOptionPrintsGetoptDiagnosticThenHintOnStdout() {
        Run r = runWithoutConfig("--foo");
        assertEquals(1, r.status());
        assertEquals("jqga: unrecognized option '--foo'\n", r.err());
        assertEquals("Unknown option, try 'jqga --help' for more information.\n", r.out());

        r = runWithoutConfig("-x");
        assertEquals(1, r.status());
        assertEquals("jqga: invalid option -- 'x'\n", r.err());

        r = runWithoutConfig("-p");
        assertEquals(1, r.status());
        assertEquals("jqga: option requires an argument -- 'p'\n", r.err());
    }

    @Test
    void versionAndHelp() {
        Run r = runWithoutConfig("-V");
        assertEquals(0, r.status());
        assertEquals("QEMU Guest Agent 9.8.7 (jqga)\n", r.out());
        r = runWithoutConfig("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: jqga [-m <method> -p <path>] [<options>]\n"), r.out());
        assertTrue(r.out().contains("--fsfreeze-hook"), r.out());
        assertTrue(r.out().contains("--allow-rpcs"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void dumpOfDefaults() {
        Run r = runWithoutConfig("-D");
        assertEquals(0, r.status());
        assertEquals("""
                [general]
                daemon=false
                method=virtio-serial
                path=/dev/virtio-ports/org.qemu.guest_agent.0
                pidfile=/var/run/qemu-ga.pid
                statedir=/var/run
                verbose=false
                retry-path=false
                block-rpcs=
                allow-rpcs=
                """, r.out());
    }

    @Test
    void dumpOfEverythingSet() {
        Run r = runWithoutConfig("-D", "-l", "/tmp/l", "-f", "/tmp/p", "-d", "-v", "-r", "-m", "isa-serial",
                "-F", "-t", "/s", "-b", "a,b", "-b", "c", "-a", "x,y");
        assertEquals(0, r.status());
        assertEquals("""
                [general]
                daemon=true
                method=isa-serial
                path=/dev/ttyS0
                logfile=/tmp/l
                pidfile=/tmp/p
                fsfreeze-hook=/etc/qemu/fsfreeze-hook
                statedir=/s
                verbose=true
                retry-path=true
                block-rpcs=b,a,c
                allow-rpcs=y,x
                """, r.out());
    }

    @Test
    void dumpEscapesValuesLikeGlib() {
        Run r = runWithoutConfig("-D", "-p", " a\\b\nc\td ", "-b", " x;y");
        assertTrue(r.out().contains("\npath=\\sa\\\\b\\nc\td \n"), r.out());
        assertTrue(r.out().contains("\nblock-rpcs=\\sx;y\n"), r.out());
    }

    @Test
    void configFileFirstThenCommandLine() throws IOException {
        Run r = runWithConfig("""
                # sample
                [general]
                daemon = true
                method = unix-listen
                path = /run/from-file.sock
                logfile=/var/log/from-file.log
                pidfile=/run/from-file.pid
                fsfreeze-hook=/from/file/hook
                statedir=/from/file
                verbose=1
                retry-path=true
                block-rpcs=a,b
                allow-rpcs=guest-ping
                [other]
                path=/ignored
                """, "-D", "-p", "/run/from-cli.sock", "-b", "c,d", "-a", "guest-info", "-t", "/cli");
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                [general]
                daemon=true
                method=unix-listen
                path=/run/from-cli.sock
                logfile=/var/log/from-file.log
                pidfile=/run/from-file.pid
                fsfreeze-hook=/from/file/hook
                statedir=/cli
                verbose=true
                retry-path=true
                block-rpcs=b,a,d,c
                allow-rpcs=guest-ping,guest-info
                """, r.out());
    }

    @Test
    void explicitConfigFileOverridesQgaConfAndMustExist() throws IOException {
        Path other = dir.resolve("other.conf");
        Files.writeString(other, "[general]\nmethod=isa-serial\n");
        Run r = runWithConfig("[general]\nmethod=unix-listen\n", "-D", "-c", other.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\nmethod=isa-serial\npath=/dev/ttyS0\n"), r.out());

        Path missing = dir.resolve("missing.conf");
        r = runWithoutConfig("-D", "--config=" + missing);
        assertEquals(1, r.status());
        assertEquals("jqga: error loading configuration from path: " + missing + ", No such file or directory\n",
                r.err());
    }

    @Test
    void missingDefaultFileIsFine() {
        assertEquals(0, runWithoutConfig("-D").status());
    }

    @Test
    void configLoadErrorsAreFatal() throws IOException {
        Path conf = dir.resolve("qemu-ga.conf");
        Run r = runWithConfig("[general]\nverbose=yes\n", "-D");
        assertEquals(1, r.status());
        assertEquals("jqga: error loading configuration from path: " + conf
                + ", Key file contains key \u201cverbose\u201d which has a value that cannot be interpreted.\n", r.err());

        r = runWithConfig("method=x\n", "-V");
        assertEquals(1, r.status(), "the file is read before -V acts, as in qemu-ga");
        assertEquals("jqga: error loading configuration from path: " + conf
                + ", Key file does not start with a group\n", r.err());

        r = run(Map.of("QGA_CONF", dir.toString()), "-D");
        assertEquals(1, r.status());
        assertEquals("jqga: error loading configuration from path: " + dir + ", Not a regular file\n", r.err());
    }

    @Test
    void firstBadKeyInQemuOrderIsReported() throws IOException {
        Run r = runWithConfig("[general]\nmethod=a\\q\ndaemon=x\n", "-D");
        assertTrue(r.err().contains("key \u201cdaemon\u201d"), r.err());
    }

    @Test
    void listenMethodsNeedAPath() throws IOException {
        Run r = runWithoutConfig("-D", "-m", "unix-listen");
        assertEquals(1, r.status());
        assertEquals("jqga: must specify a path for this channel\n", r.err());
        r = runWithConfig("[general]\nmethod=vsock-listen\n");
        assertEquals(1, r.status());
        assertEquals("jqga: must specify a path for this channel\n", r.err());
        // an unknown method without a path fails the same way, as in qemu-ga
        assertEquals("jqga: must specify a path for this channel\n", runWithoutConfig("-m", "foo").err());
    }

    @Test
    void unknownMethodIsRejectedBeforeStarting() {
        Run r = runWithoutConfig("-m", "foo", "-p", "/x");
        assertEquals(1, r.status());
        assertEquals("jqga: unsupported channel method/type: foo\n", r.err());
        // -D shows it all the same, as qemu-ga does
        Run dump = runWithoutConfig("-D", "-m", "foo", "-p", "/x");
        assertEquals(0, dump.status());
        assertTrue(dump.out().contains("\nmethod=foo\npath=/x\n"), dump.out());
    }

    @Test
    void dumpIsReadableAsConfigAndReproducesItself() throws IOException {
        Run first = runWithoutConfig("-D", "-d", "-m", "unix-listen", "-p", " /odd path\\", "-b", "a,b", "-a",
                "c", "-F", "-v");
        Run second = runWithConfig(first.out(), "-D");
        assertEquals(0, second.status(), second.err());
        // lists are reversed once more on reading, exactly as with qemu-ga; everything else is identical
        assertEquals(first.out().replace("block-rpcs=b,a", "block-rpcs=a,b"), second.out());
    }
}
