package org.jqga.engine.internal.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jqga.api.Base64Argument;
import org.jqga.api.CommandException;
import org.jqga.api.NoArguments;
import org.jqga.api.OptionalArgument;
import org.jqga.api.WireName;
import org.jqga.engine.internal.json.ParsedJson;
import org.junit.jupiter.api.Test;

class ArgumentBinderTest {

    enum Mode { POWERDOWN, HALT, REBOOT }

    record Cpu(long logicalId, boolean online, @OptionalArgument Boolean canOffline) {
    }

    record Everything(long handle, @OptionalArgument Long count, Base64Argument bufB64, @OptionalArgument Mode mode,
                      @OptionalArgument Double ratio, @OptionalArgument List<Cpu> vcpus,
                      @OptionalArgument @WireName("old_style") String oldStyle, @OptionalArgument JsonNode whence,
                      @OptionalArgument Integer small) {
    }

    private final ObjectMapper json = new ObjectMapper();

    private Everything bind(String arguments) throws Exception {
        return ArgumentBinder.bind(json.readTree(arguments), Everything.class);
    }

    private String error(String arguments) {
        return assertThrows(CommandException.class, () -> bind(arguments)).desc();
    }

    @Test
    void bindsKebabCaseMembersAndLeavesAbsentOptionalsNull() throws Exception {
        Everything e = bind("{\"handle\":1000,\"buf-b64\":\"aGk=\",\"mode\":\"reboot\",\"vcpus\":[{\"logical-id\":0,\"online\":true}],"
                + "\"old_style\":\"x\",\"whence\":\"set\",\"ratio\":1}");
        assertEquals(1000, e.handle());
        assertNull(e.count());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), e.bufB64().decode());
        assertEquals(Mode.REBOOT, e.mode());
        assertEquals(List.of(new Cpu(0, true, null)), e.vcpus());
        assertEquals("x", e.oldStyle());
        assertEquals("set", e.whence().asText());
        assertEquals(1.0, e.ratio());
    }

    @Test
    void base64ArgumentsAreDecodedWhereTheCommandAsks() throws Exception {
        Everything invalid = bind("{\"handle\":1,\"buf-b64\":\"not base64!\"}");
        assertEquals("Base64 data contains invalid characters",
                assertThrows(CommandException.class, () -> invalid.bufB64().decode()).desc());
        assertArrayEquals("hel".getBytes(StandardCharsets.US_ASCII), bind("{\"handle\":1,\"buf-b64\":\"aGVs\\nbG8\"}").bufB64().decode());

        // a file's worth of data arrives from the parser already decoded, and binds without being encoded again
        byte[] data = new byte[1 << 20];
        new java.util.Random(7).nextBytes(data);
        String text = Base64.getEncoder().encodeToString(data);
        JsonNode parsed = ParsedJson.of("{\"handle\":1,\"buf-b64\":\"" + text + "\"}");
        Base64Argument argument = ArgumentBinder.bind(parsed, Everything.class).bufB64();
        assertEquals(text.length(), argument.textLength());
        assertArrayEquals(data, argument.decode());
    }

    @Test
    void qemuTextsInVisitOrder() {
        assertEquals("Parameter 'handle' is missing", error("{}"));
        assertEquals("Parameter 'buf-b64' is missing", error("{\"handle\":1,\"zzz\":1}"));
        assertEquals("Parameter 'zzz' is unexpected", error("{\"handle\":1,\"buf-b64\":\"\",\"zzz\":1}"));
        assertEquals("Invalid parameter type for 'handle', expected: integer", error("{\"handle\":1.5,\"buf-b64\":\"\"}"));
        assertEquals("Invalid parameter type for 'handle', expected: integer", error("{\"handle\":100.0,\"buf-b64\":\"\"}"));
        assertEquals("Invalid parameter type for 'handle', expected: integer", error("{\"handle\":9223372036854775808,\"buf-b64\":\"\"}"));
        assertEquals("Invalid parameter type for 'count', expected: integer", error("{\"handle\":1,\"count\":null,\"buf-b64\":\"\"}"));
        assertEquals("Invalid parameter type for 'buf-b64', expected: string", error("{\"handle\":1,\"buf-b64\":1}"));
        assertEquals("Parameter 'mode' does not accept value 'off'", error("{\"handle\":1,\"buf-b64\":\"\",\"mode\":\"off\"}"));
        assertEquals("Invalid parameter type for 'mode', expected: string", error("{\"handle\":1,\"buf-b64\":\"\",\"mode\":1}"));
        assertEquals("Invalid parameter type for 'ratio', expected: number", error("{\"handle\":1,\"buf-b64\":\"\",\"ratio\":\"1\"}"));
        assertEquals("Invalid parameter type for 'vcpus', expected: array", error("{\"handle\":1,\"buf-b64\":\"\",\"vcpus\":{}}"));
        assertEquals("Invalid parameter type for 'vcpus[0]', expected: object", error("{\"handle\":1,\"buf-b64\":\"\",\"vcpus\":[1]}"));
        assertEquals("Parameter 'vcpus[0].online' is missing", error("{\"handle\":1,\"buf-b64\":\"\",\"vcpus\":[{\"logical-id\":1}]}"));
        assertEquals("Parameter 'vcpus[1].x' is unexpected",
                error("{\"handle\":1,\"buf-b64\":\"\",\"vcpus\":[{\"logical-id\":1,\"online\":true},{\"logical-id\":2,\"online\":true,\"x\":0}]}"));
        assertEquals("Parameter 'small' expects int32_t", error("{\"handle\":1,\"buf-b64\":\"\",\"small\":4294967296}"));
    }

    @Test
    void minusZeroIsAnInteger() throws Exception {
        assertEquals(0, bind("{\"handle\":-0,\"buf-b64\":\"\"}").handle());
    }

    @Test
    void noArgumentsAcceptsAbsentAndEmptyOnly() throws Exception {
        assertEquals(new NoArguments(), ArgumentBinder.bind(null, NoArguments.class));
        assertEquals(new NoArguments(), ArgumentBinder.bind(json.readTree("{}"), NoArguments.class));
        assertEquals("Parameter 'a' is unexpected",
                assertThrows(CommandException.class, () -> ArgumentBinder.bind(json.readTree("{\"a\":1}"), NoArguments.class)).desc());
    }

    @Test
    void kebabCase() {
        assertEquals("buf-b64", ArgumentBinder.kebabCase("bufB64"));
        assertEquals("input-data", ArgumentBinder.kebabCase("inputData"));
        assertEquals("id", ArgumentBinder.kebabCase("id"));
    }
}
