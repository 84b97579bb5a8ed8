package org.jqga.commands.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jqga.api.Base64Argument;
import org.jqga.api.CommandException;
import org.junit.jupiter.api.function.Executable;

/** Both commands over one table, called directly as the engine would. */
final class ExecFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final ChildProcessTable table;
    final GuestExec exec;
    final GuestExecStatus status;

    ExecFixture() {
        this(ChildProcessTable.DEFAULT_MAX_PROCESSES, Duration.ofSeconds(600), Duration.ofMillis(100));
    }

    ExecFixture(int maxProcesses, Duration retain, Duration sweepInterval) {
        table = new ChildProcessTable(maxProcesses, retain, sweepInterval);
        exec = new GuestExec(table);
        status = new GuestExecStatus(table);
    }

    /** {@code captureJson} is the argument's JSON text, or null for absent. */
    long start(String path, List<String> arg, List<String> env, byte[] input, String captureJson) throws Exception {
        String inputData = input == null ? null : Base64.getEncoder().encodeToString(input);
        return exec.execute(new GuestExec.Arguments(path, arg, env,
                inputData == null ? null : Base64Argument.ofText(inputData), capture(captureJson)), null).pid();
    }

    long sh(String script, String captureJson) throws Exception {
        return start("sh", List.of("-c", script), null, null, captureJson);
    }

    GuestExecStatus.Result status(long pid) throws CommandException {
        return status.execute(new GuestExecStatus.Arguments(pid), null);
    }

    /** Polls until exited:true and returns that report. */
    GuestExecStatus.Result awaitExit(long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            GuestExecStatus.Result result = status(pid);
            if (result.exited()) {
                return result;
            }
            assertEquals(GuestExecStatus.Result.RUNNING, result, "a running report has no other member");
            Thread.sleep(10);
        }
        fail("pid " + pid + " did not exit in time");
        return null;
    }

    static JsonNode capture(String json) throws Exception {
        return json == null ? null : JSON.readTree(json);
    }

    static String text(byte[] data) {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    static void assertError(String desc, Executable call) {
        CommandException e = assertThrows(CommandException.class, call);
        assertEquals(desc, e.desc());
    }

    @Override
    public void close() {
        table.close();
    }
}
