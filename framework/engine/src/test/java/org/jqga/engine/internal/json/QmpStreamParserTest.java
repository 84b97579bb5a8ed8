package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QmpStreamParserTest {

    /** Several requests, values and garbage in one stream; chars above 0x7E are raw bytes (latin1 mapping). */
    private static final byte[] MIXED_STREAM = RecordingListener.latin1(
            "{\"execute\":\"guest-ping\"}{\"execute\":\"guest-sync\",\"arguments\":{\"id\":1234567}}\n"
                    + "  {'execute' : 'guest-ping', \"id\": [1.5e3, -0, 18446744073709551615, \"\303\251\342\202\254\360\237\230\200\"]}\r\n"
                    + "123 \"str\" true null nonsense }]\t[1,{\"a\":[]}]"
                    + "\377{\"execute\":\"guest-ping\"\001{\"execute\":\"guest-info\",\"id\":\"\\u00e9\\uD83D\\uDE00\"}"
                    + "ABC{\"x\":1,\"x\":2}{\"k\":\"\\q\"}-7 0.25 ");

    private static List<String> parseWhole(byte[] input) {
        return RecordingListener.parseAll(new QmpStreamParser(), input);
    }

    private static List<String> parseInChunks(byte[] input, int... cuts) {
        QmpStreamParser parser = new QmpStreamParser();
        RecordingListener listener = new RecordingListener();
        int from = 0;
        for (int cut : cuts) {
            parser.feed(ByteBuffer.wrap(input, from, cut - from), listener);
            from = cut;
        }
        parser.feed(ByteBuffer.wrap(input, from, input.length - from), listener);
        return listener.events;
    }

    @Test
    void mixedStreamGivesExpectedEvents() {
        assertEquals(List.of(
                "PING",
                "VALUE {\"execute\": \"guest-sync\", \"arguments\": {\"id\": 1234567}}",
                "PING id=[1500, 0, 18446744073709551615, \"\\u00E9\\u20AC\\uD83D\\uDE00\"]",
                "NON_OBJECT", "NON_OBJECT", "NON_OBJECT", "NON_OBJECT",
                "ERROR JSON parse error, invalid keyword 'nonsense'",
                "ERROR JSON parse error, expecting value",
                "ERROR JSON parse error, expecting value",
                "NON_OBJECT",
                "ERROR JSON parse error, stray '\uFFFD'",
                "ERROR JSON parse error, stray '\u0001'",
                "VALUE {\"execute\": \"guest-info\", \"id\": \"\\u00E9\\uD83D\\uDE00\"}",
                "ERROR JSON parse error, stray 'A'",
                "ERROR JSON parse error, duplicate key",
                "ERROR JSON parse error, invalid escape sequence in string",
                "NON_OBJECT", "NON_OBJECT"), parseWhole(MIXED_STREAM));
    }

    @Test
    void splittingAtEveryByteBoundaryChangesNothing() {
        List<String> whole = parseWhole(MIXED_STREAM);
        for (int cut = 0; cut <= MIXED_STREAM.length; cut++) {
            assertEquals(whole, parseInChunks(MIXED_STREAM, cut), "split at " + cut);
        }
    }

    @Test
    void splittingIntoThreePiecesAtEveryPairOfBoundariesChangesNothing() {
        byte[] input = RecordingListener.latin1(
                "{\"execute\":\"guest-ping\",\"id\":-12.5e-1}'\303\251\\''\"\\uD83D\\uDE00\"[0,1]x\377 42 ");
        List<String> whole = parseWhole(input);
        for (int a = 0; a <= input.length; a++) {
            for (int b = a; b <= input.length; b++) {
                assertEquals(whole, parseInChunks(input, a, b), "split at " + a + "," + b);
            }
        }
    }

    @Test
    void randomChunkingChangesNothing() {
        List<String> whole = parseWhole(MIXED_STREAM);
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            List<Integer> cuts = new ArrayList<>();
            int at = 0;
            while ((at += 1 + random.nextInt(9)) < MIXED_STREAM.length) {
                cuts.add(at);
            }
            assertEquals(whole, parseInChunks(MIXED_STREAM, cuts.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    @Test
    void severalRequestsInOneChunkAreDeliveredInOrder() {
        QmpStreamParser parser = new QmpStreamParser();
        RecordingListener listener = new RecordingListener();
        parser.feed(ByteBuffer.wrap(("{\"execute\":\"a\",\"id\":1}{\"execute\":\"b\",\"id\":2} \n\t\r"
                + "{\"execute\":\"c\",\"id\":3}").getBytes(StandardCharsets.US_ASCII)), listener);
        assertEquals(3, listener.values.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(String.valueOf((char) ('a' + i)), listener.values.get(i).get("execute").asText());
            assertEquals(i + 1, listener.values.get(i).get("id").asLong());
        }
    }

    @Test
    void numberOrKeywordAtEndOfInputWaitsForTheNextByte() {
        QmpStreamParser parser = new QmpStreamParser();
        RecordingListener listener = new RecordingListener();
        parser.feed(ByteBuffer.wrap("123".getBytes(StandardCharsets.US_ASCII)), listener);
        assertEquals(List.of(), listener.events);
        parser.feed(ByteBuffer.wrap("4".getBytes(StandardCharsets.US_ASCII)), listener);
        assertEquals(List.of(), listener.events);
        parser.feed(ByteBuffer.wrap("\n".getBytes(StandardCharsets.US_ASCII)), listener);
        assertEquals(1234L, listener.values.get(0).longValue());

        parser.feed(ByteBuffer.wrap("true".getBytes(StandardCharsets.US_ASCII)), listener);
        assertEquals(1, listener.values.size());
        parser.feed(ByteBuffer.wrap("{".getBytes(StandardCharsets.US_ASCII)), listener);
        assertTrue(listener.values.get(1).booleanValue());
    }

    @Test
    void numbersBecomeLongThenUint64ThenDouble() {
        RecordingListener listener = new RecordingListener();
        new QmpStreamParser().feed(ByteBuffer.wrap(("[-0, 0, 9223372036854775807, -9223372036854775808, "
                + "9223372036854775808, 18446744073709551615, 18446744073709551616, -9223372036854775809, "
                + "1.0, 1e2, -0.0]").getBytes(StandardCharsets.US_ASCII)), listener);
        JsonNode list = listener.values.get(0);
        assertEquals(LongNode.valueOf(0), list.get(0));
        assertEquals(LongNode.valueOf(0), list.get(1));
        assertEquals(LongNode.valueOf(Long.MAX_VALUE), list.get(2));
        assertEquals(LongNode.valueOf(Long.MIN_VALUE), list.get(3));
        assertEquals(BigIntegerNode.valueOf(new BigInteger("9223372036854775808")), list.get(4));
        assertEquals(BigIntegerNode.valueOf(new BigInteger("18446744073709551615")), list.get(5));
        assertEquals(DoubleNode.valueOf(18446744073709551616.0), list.get(6));
        assertEquals(DoubleNode.valueOf(-9223372036854775809.0), list.get(7));
        assertEquals(DoubleNode.valueOf(1.0), list.get(8));
        assertEquals(DoubleNode.valueOf(100.0), list.get(9));
        assertInstanceOf(DoubleNode.class, list.get(10));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(list.get(10).doubleValue()));
    }

    @Test
    void objectsKeepMemberOrder() {
        RecordingListener listener = new RecordingListener();
        new QmpStreamParser().feed(ByteBuffer.wrap("{\"z\":1,\"a\":2,\"m\":{\"y\":3,\"b\":4}}"
                .getBytes(StandardCharsets.US_ASCII)), listener);
        ObjectNode object = (ObjectNode) listener.values.get(0);
        Iterator<String> names = object.fieldNames();
        assertEquals(List.of("z", "a", "m"), List.of(names.next(), names.next(), names.next()));
        assertEquals("{\"y\": 3, \"b\": 4}", RecordingListener.json(object.get("m")));
    }

    @Test
    void stringsDecodeUtf8EscapesAndSingleQuotes() {
        RecordingListener listener = new RecordingListener();
        new QmpStreamParser().feed(ByteBuffer.wrap(RecordingListener.latin1(
                "['a\"b\\'c', \"\303\251\342\202\254\360\237\230\200\", \"\300\200x\", \"\\u0041\\u00e9\\ud83d\\ude00\","
                        + " \"\\/\\b\\f\\n\\r\\t\", '\177']")), listener);
        JsonNode list = listener.values.get(0);
        assertEquals("a\"b'c", list.get(0).textValue());
        assertEquals("\u00e9\u20ac\ud83d\ude00", list.get(1).textValue());
        assertEquals("\u0000x", list.get(2).textValue());
        assertEquals("A\u00e9\ud83d\ude00", list.get(3).textValue());
        assertEquals("/\b\f\n\r\t", list.get(4).textValue());
        assertEquals("\u007f", list.get(5).textValue());
    }

    @Test
    void invalidUtf8InStringsIsRejected() {
        String[] invalid = {"\"\377\"", "\"\200\"", "\"\303\"", "\"\303(\"", "\"\340\200\257\"", "\"\355\240\200\"",
            "\"\357\277\277\"", "\"\357\267\220\"", "\"\364\220\200\200\"", "\"\370\210\200\200\200\"", "\"\301\277\""};
        for (String s : invalid) {
            List<String> events = RecordingListener.parseAll(new QmpStreamParser(),
                    RecordingListener.latin1("[" + s + "]"));
            String expected = s.contains("\377") ? "ERROR JSON parse error, stray '\"\uFFFD'"
                    : "ERROR JSON parse error, invalid UTF-8 sequence in string";
            assertEquals(List.of(expected), events.subList(0, 1), s);
        }
    }

    @Test
    void partialObjectSurvivesUntilResetAndResetDropsIt() {
        QmpStreamParser parser = new QmpStreamParser();
        RecordingListener listener = new RecordingListener();
        // no reset: the next "client" completes the previous one's object, as qemu-ga does
        parser.feed(ByteBuffer.wrap("{\"execute\":\"guest-ping\"".getBytes(StandardCharsets.US_ASCII)), listener);
        parser.feed(ByteBuffer.wrap("}".getBytes(StandardCharsets.US_ASCII)), listener);
        assertEquals(List.of("PING"), listener.events);

        parser.feed(ByteBuffer.wrap("{\"execute\":\"guest-ping\"".getBytes(StandardCharsets.US_ASCII)), listener);
        parser.reset();
        parser.feed(ByteBuffer.wrap("}{\"execute\":\"guest-ping\",\"id\":7}".getBytes(StandardCharsets.US_ASCII)),
                listener);
        assertEquals(List.of("PING", "ERROR JSON parse error, expecting value", "PING id=7"), listener.events);
    }

    @Test
    void resetDropsPendingNumberStringAndRecoveryMode() {
        QmpStreamParser parser = new QmpStreamParser();
        RecordingListener listener = new RecordingListener();
        parser.feed(ByteBuffer.wrap("12".getBytes(StandardCharsets.US_ASCII)), listener);
        parser.reset();
        parser.feed(ByteBuffer.wrap("\"abc".getBytes(StandardCharsets.US_ASCII)), listener);
        parser.reset();
        parser.feed(ByteBuffer.wrap("Xjunk".getBytes(StandardCharsets.US_ASCII)), listener); // error, then recovery
        parser.reset();
        parser.feed(ByteBuffer.wrap("true ".getBytes(StandardCharsets.US_ASCII)), listener); // recovery would skip it
        assertEquals(List.of("ERROR JSON parse error, stray 'X'", "NON_OBJECT"), listener.events);
    }

    @Test
    void ffFlushesPartialObjectWithExactlyOneErrorThenParsesNormally() {
        List<String> events = parseWhole(RecordingListener.latin1(
                "{\"execute\":\"guest-ping\",\"arguments\":{\"a\":[1,2\377{\"execute\":\"guest-ping\"}"));
        assertEquals(List.of("ERROR JSON parse error, stray '\uFFFD'", "PING"), events);
    }

    @Test
    void recoverySkipsUntilStructuralOrControlByte() {
        assertEquals(List.of("ERROR JSON parse error, stray 'Q'", "PING"),
                parseWhole(RecordingListener.latin1("Qabc def \"x\" 12 \t{\"execute\":\"guest-ping\"}")));
        assertEquals(List.of("ERROR JSON parse error, stray 'Q'", "PING"),
                parseWhole(RecordingListener.latin1("Q garbage\n{\"execute\":\"guest-ping\"}")));
        // a control byte other than CR/LF resynchronises and is itself an error again
        assertEquals(List.of("ERROR JSON parse error, stray 'Q'", "ERROR JSON parse error, stray '\u0002'", "PING"),
                parseWhole(RecordingListener.latin1("Q garbage\002{\"execute\":\"guest-ping\"}")));
        // ':' resynchronises too and is then a top-level token of its own
        assertEquals(List.of("ERROR JSON parse error, stray 'Q'", "ERROR JSON parse error, expecting value", "PING"),
                parseWhole(RecordingListener.latin1("Q xyz:{\"execute\":\"guest-ping\"}")));
    }

    @Test
    void strayTextQuotesTheWholeTokenSoFar() {
        String body = "x".repeat(100_000);
        assertEquals(List.of("ERROR JSON parse error, stray '\"" + body + "\u0001'"),
                parseWhole(RecordingListener.latin1("\"" + body + "\001")));
    }

    @Test
    void nestingDepthLimitCountsBracesAndBracketsTogether() {
        QmpStreamParser parser = new QmpStreamParser(1 << 20, 1000, 3);
        assertEquals(List.of("NON_OBJECT"), RecordingListener.parseAll(parser, "[{\"a\":[1]}]".getBytes()));
        RecordingListener listener = new RecordingListener();
        parser.feed(ByteBuffer.wrap("[{\"a\":[{".getBytes()), listener);
        assertEquals(List.of("ERROR JSON nesting depth limit exceeded"), listener.events);
        // what came before the limit was dropped; the bytes after it are lexed as new top-level values
        parser.feed(ByteBuffer.wrap("\"b\":2}]".getBytes()), listener);
        assertEquals(List.of("ERROR JSON nesting depth limit exceeded", "NON_OBJECT",
                "ERROR JSON parse error, expecting value", "NON_OBJECT", "ERROR JSON parse error, expecting value",
                "ERROR JSON parse error, expecting value"), listener.events);
    }

    @Test
    void tokenCountLimit() {
        QmpStreamParser parser = new QmpStreamParser(1 << 20, 5, 100);
        assertEquals(List.of("NON_OBJECT"), RecordingListener.parseAll(parser, "[1,2]".getBytes()));
        assertEquals(List.of("ERROR JSON token count limit exceeded", "ERROR JSON parse error, expecting value"),
                RecordingListener.parseAll(parser, "[1,2,3]".getBytes()));
    }

    @Test
    void tokenSizeLimitOverAllTokensOfAValue() {
        QmpStreamParser parser = new QmpStreamParser(16, 1000, 100);
        // tokens "[" + "aaaaaa" + "," = 10 bytes; the next 8-byte string would make 10 + 8 + 1 > 16
        assertEquals(List.of("ERROR JSON token size limit exceeded", "ERROR JSON parse error, expecting value"),
                RecordingListener.parseAll(parser, "[\"aaaaaa\",\"bbbbbb\"]".getBytes()));
        // one 15-byte token is fine (15 + 1 <= 16), a 16-byte one is not
        assertEquals(List.of("NON_OBJECT"), RecordingListener.parseAll(parser, ("\"" + "c".repeat(13) + "\"").getBytes()));
        assertEquals(List.of("ERROR JSON token size limit exceeded"),
                RecordingListener.parseAll(parser, ("\"" + "c".repeat(14) + "\"").getBytes()));
    }

    @Test
    void oversizedTokenIsCutOffAndTheRestLexedAfresh() {
        QmpStreamParser parser = new QmpStreamParser(16, 1000, 100);
        // the 17th byte cuts the string; "xyz" then lexes as a keyword, the closing quote opens a new string
        assertEquals(List.of("ERROR JSON token size limit exceeded", "ERROR JSON parse error, invalid keyword 'xyz'",
                        "ERROR JSON parse error, stray '\" \u0001'"),
                RecordingListener.parseAll(parser, ("\"" + "a".repeat(16) + "xyz\" \001").getBytes()));
    }

    @Test
    void largestStringMemberComesThroughTransportSizedChunks() {
        int dataLength = (64 << 20) - 200; // the request's tokens stay below the 64 MiB limit
        byte[] head = "{\"execute\":\"guest-file-write\",\"arguments\":{\"handle\":1000,\"buf-b64\":\""
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[head.length + dataLength + tail.length];
        System.arraycopy(head, 0, input, 0, head.length);
        for (int i = 0; i < dataLength; i++) {
            input[head.length + i] = (byte) "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charAt(i & 63);
        }
        System.arraycopy(tail, 0, input, head.length + dataLength, tail.length);

        // how fast is the benchmark's business (benchmark/); this checks that a maximal member in
        // transport-sized chunks comes through whole
        QmpStreamParser parser = new QmpStreamParser();
        RecordingListener listener = new RecordingListener();
        for (int off = 0; off < input.length; off += 4096) {
            parser.feed(ByteBuffer.wrap(input, off, Math.min(4096, input.length - off)), listener);
        }
        assertEquals(1, listener.values.size(), listener.events.toString());
        String data = listener.values.get(0).get("arguments").get("buf-b64").textValue();
        assertEquals(dataLength, data.length());
        assertEquals('A', data.charAt(0));
        assertEquals('/', data.charAt(63));
    }

    @Test
    void directBufferIsConsumedCompletely() {
        byte[] bytes = "{\"execute\":\"guest-ping\"}{\"execute\":\"guest-ping\",\"id\":\"x\"}".repeat(500)
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        RecordingListener listener = new RecordingListener();
        new QmpStreamParser().feed(direct, listener);
        assertEquals(0, direct.remaining());
        assertEquals(1000, listener.events.size());
        assertEquals("PING id=\"x\"", listener.events.get(999));
    }

    @Test
    void heapBufferWithOffsetAndPositionIsHonoured() {
        byte[] backing = "XXXX{\"execute\":\"guest-ping\"}YYYY".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer slice = ByteBuffer.wrap(backing, 2, backing.length - 6).slice();
        slice.position(2);
        RecordingListener listener = new RecordingListener();
        new QmpStreamParser().feed(slice, listener);
        assertEquals(List.of("PING"), listener.events);
        assertEquals(slice.limit(), slice.position());
    }

    /** Replies of qemu-ga 7.2.22 to the same inputs, recorded by hand (default limits: 64 MiB, 2 Mi tokens). */
    @Test
    void defaultLimitsBehaveLikeQemuGa() {
        int mib = 1 << 20;
        assertEquals(List.of("ERROR JSON token size limit exceeded", "ERROR JSON parse error, invalid keyword 'aaaaaaaaaa'",
                        "ERROR JSON parse error, stray '\" \uFFFD'"),
                parseWhole(RecordingListener.latin1("\"" + "a".repeat(64 * mib + 10) + "\" \377")));
        assertEquals(List.of("ERROR JSON token size limit exceeded", "ERROR JSON parse error, expecting value"),
                parseWhole(RecordingListener.latin1("[\"" + "a".repeat(40 * mib) + "\",\"" + "b".repeat(40 * mib) + "\"]")));
        // token bytes of this request: 29 before the id string, n + 2 for it, 1 for "}"; the sum plus 1 must stay
        // within 64 MiB at every token, so n = 64 MiB - 33 passes and one more byte fails at the final "}"
        String prefix = "{\"execute\":\"guest-ping\",\"id\":\"";
        List<String> fits = shortened(parseWhole(RecordingListener.latin1(prefix + "A".repeat(64 * mib - 33) + "\"}")));
        assertEquals(List.of("PING id=\"AAAAAAAAAAA"), fits);
        assertEquals(List.of("ERROR JSON token size limit exceeded"),
                parseWhole(RecordingListener.latin1(prefix + "A".repeat(64 * mib - 32) + "\"}")));
        assertEquals(List.of("ERROR JSON token count limit exceeded", "NON_OBJECT", "ERROR JSON parse error, expecting value"),
                parseWhole(RecordingListener.latin1("[" + "1,".repeat(mib) + "1]")));
        assertEquals(List.of("ERROR JSON token size limit exceeded", "NON_OBJECT"),
                parseWhole(RecordingListener.latin1("9".repeat(64 * mib + 3) + " ")));
    }

    private static List<String> shortened(List<String> events) {
        return events.stream().map(e -> e.length() > 20 ? e.substring(0, 20) : e).toList();
    }

    @Test
    void prematureEndOfInputOnlyArisesWhenTheTokensRunOut() {
        // Unreachable through the streamer (it only parses balanced or over-closed token runs), as in qemu;
        // the parser still reports it like qemu would.
        TokenQueue queue = new TokenQueue();
        queue.add(TokenType.LEFT_BRACKET, null);
        queue.add(TokenType.INTEGER, LongNode.valueOf(1));
        assertEquals(new ParseFailure("premature EOI"), new JsonTokenParser().parse(queue));
        queue.clear();
        queue.add(TokenType.LEFT_BRACE, null);
        queue.add(TokenType.STRING, "a");
        queue.add(TokenType.COLON, null);
        assertEquals(new ParseFailure("premature EOI"), new JsonTokenParser().parse(queue));
        queue.clear();
        assertEquals(new ParseFailure("premature EOI"), new JsonTokenParser().parse(queue));
    }
}
