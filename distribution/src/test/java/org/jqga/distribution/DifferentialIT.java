package org.jqga.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bytes to Debian's qemu-ga 7.2 and to jqga, the replies compared as JSON: the core
 * commands, the envelope and argument errors of spec §2.3 and the garbage of §4.4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialIT {

    private AgentPair agents;

    @BeforeAll
    void start() throws Exception {
        agents = AgentPair.start("-b", "guest-info");
    }

    @AfterAll
    void stop() throws Exception {
        if (agents != null) {
            agents.close();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // core commands and the id echo
        add(cases, "{\"execute\":\"guest-ping\"}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":1}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":\"abc\"}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":null}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":{\"a\":[1,true,null]}}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":1.5e3}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":0.1}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":18446744073709551615}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":-0}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":\"\\u00e9\\ud83d\\ude00\\t\\u0001\\u007f\"}");
        add(cases, "{\"execute\":\"guest-ping\",\"id\":\"\u00e9\u20ac\"}");
        add(cases, "{'execute':'guest-ping','id':'it''s'}");
        add(cases, "{'execute':'guest-ping','id':'say \"hi\" \\''}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":42}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":-9223372036854775808}}");
        add(cases, "{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":42}}");
        add(cases, "{\"execute\":\"guest-sync-delimited\",\"arguments\":{\"id\":\"x\"}}");
        add(cases, " \t\r\n{ \"execute\" : \"guest-ping\" } \n");
        add(cases, "{\"execute\":\"guest-ping\"}{\"execute\":\"guest-sync\",\"arguments\":{\"id\":5}}{\"execute\":\"guest-ping\",\"id\":2}");
        // argument errors
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{}}");
        add(cases, "{\"execute\":\"guest-sync\"}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":\"x\"}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1.5}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":100.0}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1e2}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":null}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":true}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":[1]}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":9223372036854775808}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1,\"extra\":2}}");
        add(cases, "{\"execute\":\"guest-sync\",\"arguments\":{\"extra\":2}}");
        add(cases, "{\"execute\":\"guest-ping\",\"arguments\":{\"x\":1},\"id\":9}");
        // envelope errors (§2.3 rows 2-6)
        add(cases, "{\"execute\":1}");
        add(cases, "{\"execute\":\"guest-ping\",\"arguments\":[]}");
        add(cases, "{\"execute\":\"guest-ping\",\"arguments\":null}");
        add(cases, "{\"execute\":\"guest-ping\",\"foo\":1}");
        add(cases, "{\"execute\":\"guest-ping\",\"foo\":1,\"id\":3}");
        add(cases, "{\"exec-oob\":\"guest-ping\"}");
        add(cases, "{}");
        add(cases, "{\"id\":5}");
        add(cases, "{\"arguments\":{}}");
        add(cases, "{\"execute\":\"no-such-command\"}");
        add(cases, "{\"execute\":\"no-such-command\",\"id\":[1]}");
        add(cases, "{\"execute\":\"guest-info\"}");
        add(cases, "{\"execute\":\"guest-info\",\"arguments\":{\"bogus\":1},\"id\":4}");
        add(cases, "[1,2]");
        add(cases, "123 ");
        add(cases, "\"s\"");
        add(cases, "true ");
        add(cases, "null ");
        // garbage and parser errors (§4.3, §4.4)
        add(cases, "}}}}]]]");
        add(cases, "nonsense ");
        add(cases, "TRUE ");
        add(cases, "{\"execute\":\"guest-ping\",\"execute\":\"guest-ping\"}");
        add(cases, "{\"execute\" \"guest-ping\"}");
        add(cases, "{\"execute\":\"guest-ping\",}");
        add(cases, "{\"execute\":}");
        add(cases, "{1:2}");
        add(cases, "[1,]");
        add(cases, "[1 2]");
        add(cases, "{\"execute\":\"guest-ping\" \"id\":1}");
        add(cases, "{\"a\":\"\\x\"}");
        add(cases, "{\"a\":\"\\u12\"}");
        add(cases, "{\"a\":\"\\udc00\"}");
        add(cases, "{\"a\":01}");
        add(cases, "{\"a\":-}");
        add(cases, "{\"a\":1.}");
        add(cases, "{\"execute\":\"guest-ping\"");
        add(cases, "\"unterminated");
        cases.add(Arguments.of("bytes 00 01 02", new byte[] {0, 1, 2}));
        cases.add(Arguments.of("lone 0xFF", new byte[] {(byte) 0xFF}));
        cases.add(Arguments.of("0xFE", new byte[] {(byte) 0xFE, ' '}));
        cases.add(Arguments.of("invalid UTF-8 in string", concat("{\"execute\":\"guest-ping\",\"id\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}")));
        cases.add(Arguments.of("overlong UTF-8 in string", concat("{\"execute\":\"guest-ping\",\"id\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")));
        cases.add(Arguments.of("1100 open brackets", "[".repeat(1100).getBytes(StandardCharsets.US_ASCII)));
        cases.add(Arguments.of("deep but legal nesting", ("{\"execute\":\"guest-ping\",\"id\":" + "[".repeat(1000) + "]".repeat(1000) + "}").getBytes(StandardCharsets.US_ASCII)));
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String input) {
        cases.add(Arguments.of(input, input.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameRepliesAsQemuGa(String name, byte[] input) throws Exception {
        List<String> expected = ReplyTranscript.of(agents.reference, input);
        List<String> actual = ReplyTranscript.of(agents.jqga, input);
        assertEquals(ReplyTranscript.parsed(expected), ReplyTranscript.parsed(actual),
                "qemu-ga said " + expected + "\njqga said    " + actual);
    }
}
