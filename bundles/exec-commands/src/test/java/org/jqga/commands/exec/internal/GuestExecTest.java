package org.jqga.commands.exec.internal;

import static org.jqga.commands.exec.internal.ExecFixture.assertError;
import static org.jqga.commands.exec.internal.ExecFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jqga.api.Base64Argument;
import org.jqga.api.LenientBase64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuestExecTest {

    private static final String BOTH_STREAMS = "printf out; printf err >&2; exit 3";

    private final ExecFixture agent = new ExecFixture();

    @AfterEach
    void close() {
        agent.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"separated\""})
    void separatedCapturesBothStreams(String capture) throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(agent.sh(BOTH_STREAMS, capture));
        assertEquals(new GuestExecStatus.Result(true, 3, null, bytes("out"), bytes("err"), false, false), result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "\"none\""})
    void noneCapturesNothing(String capture) throws Exception {
        assertEquals(new GuestExecStatus.Result(true, 3, null, null, null, null, null),
                agent.awaitExit(agent.sh(BOTH_STREAMS, capture)));
    }

    @Test
    void absentCaptureIsNone() throws Exception {
        assertEquals(new GuestExecStatus.Result(true, 3, null, null, null, null, null),
                agent.awaitExit(agent.sh(BOTH_STREAMS, null)));
    }

    @Test
    void stdoutCapturesOnlyStdoutAndTheProcessStillFinishes() throws Exception {
        assertEquals(new GuestExecStatus.Result(true, 3, null, bytes("out"), null, false, null),
                agent.awaitExit(agent.sh(BOTH_STREAMS, "\"stdout\"")));
    }

    @Test
    void stderrCapturesOnlyStderrAndTheProcessStillFinishes() throws Exception {
        assertEquals(new GuestExecStatus.Result(true, 3, null, null, bytes("err"), null, false),
                agent.awaitExit(agent.sh(BOTH_STREAMS, "\"stderr\"")));
    }

    @Test
    void mergedPutsStderrIntoOutData() throws Exception {
        assertEquals(new GuestExecStatus.Result(true, 3, null, bytes("outerr"), null, false, null),
                agent.awaitExit(agent.sh(BOTH_STREAMS, "\"merged\"")));
    }

    @Test
    void uncapturedStreamsAndStdinAreDevNull() throws Exception {
        // the shell's own descriptors, read before any redirection of the shell's applies
        GuestExecStatus.Result result = agent.awaitExit(agent.sh(
                "x=$(readlink /proc/$$/fd/0 /proc/$$/fd/1); echo \"$x\" >&2", "\"stderr\""));
        assertEquals("/dev/null\n/dev/null\n", text(result.errData()));
        result = agent.awaitExit(agent.sh("readlink /proc/$$/fd/2; exit 0", "\"stdout\""));
        assertEquals("/dev/null\n", text(result.outData()));
    }

    @Test
    void inputDataIsFedAndClosed() throws Exception {
        byte[] input = new byte[3 * 1024 * 1024 + 7];
        new Random(5).nextBytes(input);
        long pid = agent.start("cat", null, null, input, "true");
        GuestExecStatus.Result result = agent.awaitExit(pid);
        assertArrayEquals(input, result.outData());
        assertEquals(0, result.exitcode());
    }

    @Test
    void inputDataOfAChildThatNeverReadsDoesNotHangIt() throws Exception {
        byte[] input = new byte[1024 * 1024];
        GuestExecStatus.Result result = agent.awaitExit(agent.start("true", null, null, input, null));
        assertEquals(0, result.exitcode());
    }

    @Test
    void invalidBase64InputIsRefusedBeforeAnythingRuns() {
        for (String bad : new String[] {"aGV*", "aGVs bG8=", "\u00e9AAA"}) {
            assertError(LenientBase64.INVALID_CHARACTERS, () -> agent.exec.execute(
                    new GuestExec.Arguments("true", null, null, Base64Argument.ofText(bad), null), null));
        }
        assertEquals(0, agent.table.size());
    }

    @Test
    void inputDataDecodesAsQemuGaDoes() throws Exception {
        // newlines skipped, a trailing incomplete group dropped ("aGVsbG8" is "hel" in qemu-ga)
        assertEquals("hello", text(agent.awaitExit(agent.exec.execute(
                new GuestExec.Arguments("cat", null, null, Base64Argument.ofText("aGVs\nbG8=\n"), ExecFixture.capture("true")), null).pid())
                .outData()));
        assertEquals("hel", text(agent.awaitExit(agent.exec.execute(
                new GuestExec.Arguments("cat", null, null, Base64Argument.ofText("aGVsbG8"), ExecFixture.capture("true")), null).pid())
                .outData()));
    }

    @Test
    void envReplacesTheWholeEnvironment() throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(
                agent.start("/usr/bin/env", null, List.of("A=1", "B=two words"), null, "true"));
        assertEquals("A=1\nB=two words\n", text(result.outData()));
    }

    @Test
    void withoutEnvTheAgentsEnvironmentIsInherited() throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(agent.start("/usr/bin/env", null, null, null, "true"));
        assertTrue(text(result.outData()).contains("PATH=" + System.getenv("PATH") + "\n"));
    }

    @Test
    void pathSearchUsesThePathOfEnv(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("jqga-test-program");
        Files.writeString(program, "#!/bin/sh\necho \"found $0 $1\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        GuestExecStatus.Result result = agent.awaitExit(agent.start("jqga-test-program", List.of("x"),
                List.of("PATH=/nonexistent:" + dir), null, "true"));
        assertEquals("found " + program + " x\n", text(result.outData()));
        // not in the agent's PATH
        assertError("Failed to execute child process \u201Cjqga-test-program\u201D (No such file or directory)",
                () -> agent.start("jqga-test-program", null, null, null, null));
    }

    @Test
    void pathSearchFallsBackToTheAgentsPath() throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(agent.start("sh", List.of("-c", "echo $A"), List.of("A=1"), null,
                "true"));
        assertEquals("1\n", text(result.outData()));
    }

    @Test
    void argvZeroIsThePathAsGiven() throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(agent.start("sh", List.of("-c", "tr '\\0' ' ' < /proc/$$/cmdline"),
                null, null, "true"));
        assertTrue(text(result.outData()).startsWith("sh -c "), text(result.outData()));
    }

    @Test
    void scriptWithoutInterpreterLineRunsUnderSh(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("plain-script");
        Files.writeString(script, "echo plain \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        GuestExecStatus.Result result = agent.awaitExit(agent.start(script.toString(), List.of("a"), null, null, "true"));
        assertEquals("plain a\n", text(result.outData()));
    }

    @Test
    void exitCodes() throws Exception {
        for (int code : new int[] {0, 1, 130, 255}) {
            GuestExecStatus.Result result = agent.awaitExit(agent.sh("exit " + code, null));
            assertEquals(new GuestExecStatus.Result(true, code, null, null, null, null, null), result);
        }
    }

    @Test
    void deathBySignalIsReportedAsSignalNotAsExitCode() throws Exception {
        // not INT: a test run started in the background inherits SIGINT ignored, and so would the child
        for (String signal : new String[] {"TERM", "KILL", "USR1"}) {
            GuestExecStatus.Result result = agent.awaitExit(agent.sh("kill -" + signal + " $$", null));
            int expected = switch (signal) {
                case "TERM" -> 15;
                case "KILL" -> 9;
                default -> 10;
            };
            assertEquals(new GuestExecStatus.Result(true, null, expected, null, null, null, null), result, signal);
        }
    }

    @Test
    void childHasDefaultSigpipeAndNoInheritedDescriptors() throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(agent.sh(
                // no pipeline: while one runs, the shell itself holds its pipes, and ls would list them
                "grep SigIgn /proc/$$/status; ls -1 /proc/$$/fd", "true"));
        String[] lines = text(result.outData()).split("\n");
        long ignored = Long.parseLong(lines[0].replaceAll("\\s", "").substring("SigIgn:".length()), 16);
        assertEquals(0, ignored & (1L << (13 - 1)), "SIGPIPE ignored: " + lines[0]);
        assertEquals(java.util.List.of("0", "1", "2"),
                java.util.Arrays.stream(lines, 1, lines.length).map(Integer::parseInt).sorted().map(String::valueOf).toList());
        // sh SIGPIPE-dies when writing into a closed pipe
        result = agent.awaitExit(agent.sh("yes | head -c 1 >/dev/null; exit 0", null));
        assertEquals(0, result.exitcode());
    }

    @Test
    void spawnFailureTexts(@TempDir Path dir) throws Exception {
        assertError("Failed to execute child process \u201C/nonexistent/program\u201D (No such file or directory)",
                () -> agent.start("/nonexistent/program", null, null, null, null));
        assertError("Failed to execute child process \u201Cjqga-no-such-program\u201D (No such file or directory)",
                () -> agent.start("jqga-no-such-program", null, null, null, "true"));
        assertError("Failed to execute child process \u201C" + dir + "\u201D (Permission denied)",
                () -> agent.start(dir.toString(), null, null, null, null));
        Path notExecutable = Files.writeString(dir.resolve("data"), "echo no\n");
        if (!"root".equals(System.getProperty("user.name"))) {
            assertError("Failed to execute child process \u201C" + notExecutable + "\u201D (Permission denied)",
                    () -> agent.start(notExecutable.toString(), null, null, null, null));
        }
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        assertError("Failed to execute child process \u201C" + notExecutable + "\u201D (Permission denied)",
                () -> agent.start(notExecutable.toString(), null, null, null, null));
        assertError("Failed to execute child process \u201C\u201D (No such file or directory)",
                () -> agent.start("", null, null, null, null));
        assertEquals(0, agent.table.size(), "failed spawns leave no entry");
    }

    @Test
    void outputBeyond16MiBIsReadAndDiscarded() throws Exception {
        long pid = agent.sh("head -c 20000000 /dev/zero; head -c 20000000 /dev/zero >&2; echo done >&2", "true");
        GuestExecStatus.Result result = agent.awaitExit(pid);
        assertEquals(0, result.exitcode());
        assertEquals(OutputCapture.LIMIT, result.outData().length);
        assertEquals(OutputCapture.LIMIT, result.errData().length);
        assertTrue(result.outTruncated());
        assertTrue(result.errTruncated());
    }

    @Test
    void exactly16MiBIsNotTruncated() throws Exception {
        GuestExecStatus.Result result = agent.awaitExit(agent.sh("head -c " + OutputCapture.LIMIT + " /dev/zero", "true"));
        assertEquals(OutputCapture.LIMIT, result.outData().length);
        assertFalse(result.outTruncated());
    }

    @Test
    void exitedOnlyOnceTheOutputPipesReachEndOfFile() throws Exception {
        // sh exits at once; a background child keeps stdout open for a while
        long pid = agent.sh("(sleep 1; echo late) & echo early", "true");
        long deadline = System.nanoTime() + 5_000_000_000L;
        ChildProcess child = null;
        while (System.nanoTime() < deadline) {
            assertFalse(agent.status(pid).exited());
            if (reaped(pid)) {
                child = childOf(pid);
                break;
            }
            Thread.sleep(10);
        }
        assertTrue(child != null, "sh was reaped");
        assertFalse(agent.status(pid).exited(), "reaped, but the grandchild still holds stdout");
        GuestExecStatus.Result result = agent.awaitExit(pid);
        assertEquals("early\nlate\n", text(result.outData()));
    }

    @Test
    void theEntryIsGoneAfterTheFirstExitedReport() throws Exception {
        long pid = agent.sh("exit 0", null);
        agent.awaitExit(pid);
        assertError("PID " + pid + " does not exist", () -> agent.status(pid));
        assertEquals(0, agent.table.size());
    }

    @Test
    void unknownPid() {
        assertError("PID 999999999 does not exist", () -> agent.status(999999999));
        assertError("PID -1 does not exist", () -> agent.status(-1));
    }

    @Test
    void argumentsWithUtf8ReachTheChildIntact() throws Exception {
        // needs a UTF-8 default charset in the JVM (surefire passes -Dfile.encoding=UTF-8; bin/jqga should too)
        assertEquals(StandardCharsets.UTF_8, java.nio.charset.Charset.defaultCharset());
        GuestExecStatus.Result result = agent.awaitExit(agent.start("printf", List.of("%s", "\u00e9\u20ac"), null, null,
                "true"));
        assertEquals("\u00e9\u20ac", text(result.outData()));
    }

    private boolean reaped(long pid) {
        ChildProcess child = childOf(pid);
        return child != null && child.reap();
    }

    private ChildProcess childOf(long pid) {
        return agent.table.child(pid);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
