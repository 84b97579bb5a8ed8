package org.jqga.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyFileParserTest {

    private static PolicyFile parse(String json) throws PolicyFileException {
        return PolicyFileParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryMember() throws Exception {
        PolicyFile file = parse("""
                {"comment": "lab guests",
                 "block": ["guest-shutdown"], "allow": ["__org.jqga_bundle-list"],
                 "deny-risk": ["exec", "account"], "allow-risk": ["admin"],
                 "rules": {"guest-file-open": {"paths": ["/var/log/"], "read-only-paths": ["/etc/../etc/"]},
                           "guest-exec": {"programs-under": ["/usr/bin"]}}}
                """);
        assertEquals(Set.of("guest-shutdown"), file.block());
        assertEquals(Set.of("__org.jqga_bundle-list"), file.allow());
        assertEquals(Set.of("exec", "account"), file.denyRisk());
        assertEquals(Set.of("admin"), file.allowRisk());
        assertEquals(List.of(Path.of("/var/log")), file.rules().get("guest-file-open").paths());
        assertEquals(List.of(Path.of("/etc")), file.rules().get("guest-file-open").readOnlyPaths());
        assertEquals(List.of(Path.of("/usr/bin")), file.rules().get("guest-exec").programsUnder());
    }

    @Test
    void emptyObjectIsAPolicyWithoutRules() throws Exception {
        assertEquals(PolicyFile.EMPTY, parse("{}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error                | {"block": ["a",]}                              | line 1, column 16: Unexpected character (']'
            unterminated                | {"block": ["a"]                                | line 1, column 16: Unexpected end-of-input
            not an object               | ["guest-exec"]                                 | line 1, column 1: the policy must be a JSON object
            unknown member              | {"blocks": []}                                 | line 1, column 12: unknown member 'blocks'
            wrong type                  | {"block": "guest-exec"}                        | line 1, column 11: 'block' must be an array of strings
            non-string element          | {"allow": [1]}                                 | line 1, column 12: 'allow' must hold strings only
            unknown risk group          | {"deny-risk": ["exce"]}                        | line 1, column 16: unknown risk group 'exce'
            relative path               | {"rules": {"guest-file-open": {"paths": ["var/log"]}}} | line 1, column 42: path 'var/log' is not absolute
            unknown rule member         | {"rules": {"guest-exec": {"programs": []}}}    | line 1, column 39: unknown member 'programs' in rules.guest-exec
            rule not an object          | {"rules": {"guest-exec": []}}                  | line 1, column 26: rules.guest-exec must be an object
            duplicate member            | {"block": [], "block": ["x"]}                  | line 1, column 22: Duplicate field 'block'
            block and allow             | {"block": ["x"], "allow": ["x"]}               | command 'x' is in both 'block' and 'allow'
            deny and allow risk         | {"deny-risk": ["exec"], "allow-risk": ["exec"]} | risk group 'exec' is in both 'deny-risk' and 'allow-risk'
            trailing content            | {} {}                                          | line 1, column 4: unexpected content after the policy object
            """)
    void rejectsWithPositionAndProblem(String kind, String json, String expectedStart) {
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> parse(json));
        assertEquals(expectedStart, e.getMessage().substring(0, Math.min(e.getMessage().length(), expectedStart.length())),
                kind + ": " + e.getMessage());
    }

    @Test
    void jacksonSourcePlaceholderIsLeftOut() {
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> parse("{\"block\": [\"a\""));
        assertEquals("line 1, column 15: Unexpected end-of-input: expected close marker for Array (opened at line 1, column 11)",
                e.getMessage());
    }

    @Test
    void emptyFileIsAnError() {
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> parse("  \n"));
        assertEquals("the file is empty (write {} for a policy without rules)", e.getMessage());
    }

    @Test
    void positionCountsLines() {
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> parse("{\n  \"deny-risk\": [\n    \"power\", \"shell\"]}"));
        assertEquals("line 3, column 14: unknown risk group 'shell' (known: info, file, exec, power, fsfreeze, account, "
                + "hardware, admin, unclassified)", e.getMessage());
    }
}
