package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * guest-exec and guest-exec-status against Debian's qemu-ga 7.2, the same programs run by both agents:
 * where 7.2 and the newest qemu-ga agree, the replies are compared as JSON (the pid normalised); where
 * they differ (7.2's capture-output is a boolean only, 7.2 wraps spawn errors in "Guest agent command
 * failed, error was '...'", its unknown-pid text), jqga's own texts are asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecDifferentialIT {

    /** A 16 MiB capture is a 22 MB base64 string. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build()).build());
    private static final String WRAPPER = "Guest agent command failed, error was '";

    private AgentPair agents;
    @TempDir
    static Path scratch;

    @BeforeAll
    void start() throws Exception {
        agents = AgentPair.start();
        Path program = scratch.resolve("jqga-it-program");
        Files.writeString(program, "#!/bin/sh\necho \"found $1\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(scratch.resolve("not-executable"), "echo no\n");
    }

    @AfterAll
    void stop() throws Exception {
        if (agents != null) {
            agents.close();
        }
    }

    /** guest-exec arguments for which 7.2 and the newest qemu-ga behave the same. */
    Stream<String> agreeing() {
        List<String> cases = new ArrayList<>();
        String both = "printf out; printf err >&2; exit 3";
        cases.add(sh(both, "true"));
        cases.add(sh(both, "false"));
        cases.add(sh(both, null));
        cases.add(sh("exit 0", null));
        cases.add(sh("exit 130", null));
        cases.add(sh("kill -TERM $$", null));
        cases.add(sh("kill -KILL $$", "true"));
        cases.add(sh("printf partial; kill -INT $$", "true"));
        // stdin is /dev/null, other descriptors are closed, SIGPIPE is default
        cases.add(sh("x=$(readlink /proc/$$/fd/0); echo \"$x\"", "true"));
        cases.add(sh("m=$(awk '/SigIgn/ {print $2}' /proc/$$/status); echo $(( 0x$m >> 12 & 1 ))", "true"));
        cases.add(sh("yes | head -c 3", "true"));
        // argv[0] is the path as given
        cases.add("{\"path\":\"sh\",\"arg\":[\"-c\",\"tr '\\\\0' ' ' < /proc/$$/cmdline\",\"zero\",\"one\"],\"capture-output\":true}");
        // env replaces the environment; PATH search in env's PATH, else in the agent's
        cases.add("{\"path\":\"/usr/bin/env\",\"env\":[\"A=1\",\"B=two words\",\"C=\"],\"capture-output\":true}");
        cases.add("{\"path\":\"jqga-it-program\",\"arg\":[\"x\"],\"env\":[\"PATH=/nonexistent:" + scratch + "\"],\"capture-output\":true}");
        cases.add("{\"path\":\"sh\",\"arg\":[\"-c\",\"echo $A\"],\"env\":[\"A=1\"],\"capture-output\":true}");
        cases.add("{\"path\":\"env\",\"env\":[],\"capture-output\":true}");
        // input data, canonical and unpadded; a child that never reads it
        cases.add("{\"path\":\"cat\",\"input-data\":\"aGVsbG8gd29ybGQK\",\"capture-output\":true}");
        cases.add("{\"path\":\"cat\",\"input-data\":\"aGVs\\nbG8=\\n\",\"capture-output\":true}");
        cases.add("{\"path\":\"cat\",\"input-data\":\"aGVsbG8\",\"capture-output\":true}");
        cases.add("{\"path\":\"cat\",\"input-data\":\"\",\"capture-output\":true}");
        cases.add("{\"path\":\"true\",\"input-data\":\"" + "A".repeat(400_000) + "\"}");
        // exited only when the output pipes are closed, also by a grandchild
        cases.add(sh("(sleep 1; echo late; echo late >&2) & echo early", "true"));
        // the argument errors of the input visitor, and bad base64
        cases.add("{}");
        cases.add("{\"path\":1}");
        cases.add("{\"path\":\"true\",\"arg\":\"x\"}");
        cases.add("{\"path\":\"true\",\"arg\":[1]}");
        cases.add("{\"path\":\"true\",\"env\":[null]}");
        cases.add("{\"path\":\"true\",\"input-data\":5}");
        cases.add("{\"path\":\"true\",\"bogus\":1}");
        cases.add("{\"path\":\"true\",\"input-data\":\"aGV*\"}");
        cases.add("{\"path\":\"true\",\"input-data\":\"aGVs bG8=\"}");
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("agreeing")
    void sameAsQemuGa(String arguments) throws Exception {
        Outcome expected = run(agents.reference, arguments);
        Outcome actual = run(agents.jqga, arguments);
        assertEquals(expected.exec(), actual.exec(), "guest-exec");
        assertEquals(expected.report(), actual.report(), "guest-exec-status");
        if (expected.pid() != null) {
            assertEquals(error("Invalid parameter 'pid'"), expected.afterwards());
            assertEquals(error("PID " + actual.pid() + " does not exist"), actual.afterwards(),
                    "the entry is gone after the exited report");
        }
    }

    /**
     * The 16 MiB cap, the rest read and discarded. Run against an agent of its own: this is the largest reply
     * (22 MB of base64), and a failure here must not take the shared agent down with it.
     */
    @Test
    void outputBeyond16MiBIsCappedAsInQemuGa() throws Exception {
        String arguments = sh("head -c 20000000 /dev/zero; echo tail >&2", "true");
        Outcome expected = run(agents.reference, arguments);
        try (AgentProcess own = AgentProcess.jqga(); QgaClient client = own.connect()) {
            Outcome actual = run(client, arguments);
            assertEquals(expected.report(), actual.report());
            assertEquals(16 * 1024 * 1024, Base64.getDecoder().decode(actual.report().path("return").path("out-data").asText()).length);
            assertTrue(actual.report().path("return").path("out-truncated").booleanValue());
        }
    }

    /** Spawn failures: 7.2 wraps GLib's text, the newest qemu-ga (and jqga) send it as it is. */
    @ParameterizedTest
    @MethodSource("spawnFailures")
    void spawnFailuresCarryGlibsText(String arguments) throws Exception {
        JsonNode expected = run(agents.reference, arguments).exec();
        JsonNode actual = run(agents.jqga, arguments).exec();
        String wrapped = expected.path("error").path("desc").asText();
        assertTrue(wrapped.startsWith(WRAPPER + "Failed to execute child process \u201C") && wrapped.endsWith("'"), wrapped);
        assertEquals(error(wrapped.substring(WRAPPER.length(), wrapped.length() - 1)), actual);
    }

    Stream<String> spawnFailures() {
        return Stream.of("{\"path\":\"/nonexistent/program\"}", "{\"path\":\"jqga-no-such-program\",\"capture-output\":true}",
                "{\"path\":\"jqga-it-program\",\"env\":[\"PATH=/nonexistent\"]}", "{\"path\":\"" + scratch + "\"}",
                "{\"path\":\"" + scratch.resolve("not-executable") + "\",\"input-data\":\"aGk=\"}");
    }

    /**
     * No descriptor of the agent reaches the child: the shell the agent started lists its own descriptors while it
     * waits for ls. No pipeline: while a shell sets one up it briefly holds the pipe's ends itself, which ls then
     * saw now and then ("0 1 2 4", once blamed on qemu-ga); and the "; true" keeps the shell from exec'ing ls in its
     * place, which would list ls's own descriptors instead.
     */
    @Test
    void childHasOnlyStandardDescriptors() throws Exception {
        JsonNode report = run(agents.jqga, sh("ls /proc/$$/fd; true", "true")).report();
        String listing = new String(Base64.getDecoder().decode(report.path("return").path("out-data").asText()));
        assertEquals("0 1 2 ", String.join(" ", listing.trim().split("\\s+")) + " ");
    }

    /** The newest qemu-ga's names: "separated" is 7.2's true, "none" its false; stdout/stderr/merged are jqga's own. */
    @Test
    void captureOutputNames() throws Exception {
        String both = "printf out; printf err >&2; exit 3";
        Outcome separated = run(agents.reference, sh(both, "true"));
        Outcome none = run(agents.reference, sh(both, "false"));
        assertEquals(separated.report(), run(agents.jqga, sh(both, "\"separated\"")).report());
        assertEquals(none.report(), run(agents.jqga, sh(both, "\"none\"")).report());
        assertEquals(JSON.readTree("{\"return\":{\"exited\":true,\"exitcode\":3,\"out-data\":\"b3V0\",\"out-truncated\":false}}"),
                run(agents.jqga, sh(both, "\"stdout\"")).report());
        assertEquals(JSON.readTree("{\"return\":{\"exited\":true,\"exitcode\":3,\"err-data\":\"ZXJy\",\"err-truncated\":false}}"),
                run(agents.jqga, sh(both, "\"stderr\"")).report());
        assertEquals(JSON.readTree("{\"return\":{\"exited\":true,\"exitcode\":3,\"out-data\":\"b3V0ZXJy\",\"out-truncated\":false}}"),
                run(agents.jqga, sh(both, "\"merged\"")).report());
    }

    /** 7.2 expects a boolean; the newest qemu-ga (and jqga) the alternate. */
    @Test
    void captureOutputArgumentErrors() throws Exception {
        for (String value : new String[] {"null", "1", "[]", "{}"}) {
            assertEquals(error("Invalid parameter type for 'capture-output', expected: boolean"),
                    run(agents.reference, sh("exit 0", value)).exec());
            assertEquals(error("Invalid parameter type for 'capture-output', expected: GuestExecCaptureOutput"),
                    run(agents.jqga, sh("exit 0", value)).exec());
        }
        assertEquals(error("Parameter 'capture-output' does not accept value 'bogus'"),
                run(agents.jqga, sh("exit 0", "\"bogus\"")).exec());
    }

    @Test
    void statusArgumentsAndUnknownPid() throws Exception {
        for (String arguments : new String[] {"{}", "{\"pid\":\"1\"}", "{\"pid\":1.5}", "{\"pid\":1,\"x\":2}"}) {
            String request = "{\"execute\":\"guest-exec-status\",\"arguments\":" + arguments + "}";
            assertEquals(JSON.readTree(agents.reference.request(request)), JSON.readTree(agents.jqga.request(request)), arguments);
        }
        String unknown = "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":999999999}}";
        assertEquals(error("Invalid parameter 'pid'"), JSON.readTree(agents.reference.request(unknown)));
        assertEquals(error("PID 999999999 does not exist"), JSON.readTree(agents.jqga.request(unknown)));
    }

    private record Outcome(JsonNode exec, Long pid, JsonNode report, JsonNode afterwards) {
    }

    /** guest-exec, then guest-exec-status until exited (every earlier report exactly {exited:false}), then once more. */
    private static Outcome run(QgaClient client, String arguments) throws IOException, InterruptedException {
        JsonNode exec = JSON.readTree(client.request("{\"execute\":\"guest-exec\",\"arguments\":" + arguments + "}"));
        JsonNode pidNode = exec.path("return").path("pid");
        if (!pidNode.isIntegralNumber()) {
            return new Outcome(exec, null, null, null);
        }
        long pid = pidNode.longValue();
        assertTrue(pid > 0, exec.toString());
        String status = "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}";
        JsonNode running = JSON.readTree("{\"return\":{\"exited\":false}}");
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode report;
        while (true) {
            report = JSON.readTree(client.request(status));
            if (!report.equals(running)) {
                break;
            }
            assertTrue(System.currentTimeMillis() < deadline, "pid " + pid + " never exited");
            Thread.sleep(20);
        }
        JsonNode afterwards = JSON.readTree(client.request(status));
        ((ObjectNode) exec.get("return")).put("pid", 0);
        return new Outcome(exec, pid, report, afterwards);
    }

    private static String sh(String script, String capture) {
        try {
            String arguments = "{\"path\":\"sh\",\"arg\":[\"-c\"," + JSON.writeValueAsString(script) + "]";
            return arguments + (capture == null ? "" : ",\"capture-output\":" + capture) + "}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode error(String desc) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("class", "GenericError").put("desc", desc);
        return error;
    }
}
