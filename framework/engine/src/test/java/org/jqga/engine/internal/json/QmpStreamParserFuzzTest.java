package org.jqga.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jqga.engine.internal.binding.QemuErrorTexts;

/**
 * Fuzzing of the stream parser under tiny limits (issue 9): at qemu's sizes (64 MiB, 2 Mi tokens) the limits
 * are out of a fuzzer's reach, at these they are hit all the time. Nothing escapes, the split does not
 * matter, every error is one of qemu's parse errors, every value stays within the limits, and afterwards
 * 0xFF resynchronises: a stray error, then the next value.
 */
class QmpStreamParserFuzzTest {

    private static final int MAX_BYTES = 48;
    private static final int MAX_TOKENS = 24;
    private static final int MAX_DEPTH = 6;
    private static final byte[] RESYNC = {(byte) 0xFF, '{', '"', 'a', '"', ':', '1', '}'};

    @FuzzTest
    void tightLimits(byte[] input) throws IOException {
        SplittableRandom random = new SplittableRandom(Arrays.hashCode(input));
        RecordingListener whole = new RecordingListener();
        new QmpStreamParser(MAX_BYTES, MAX_TOKENS, MAX_DEPTH).feed(ByteBuffer.wrap(input), whole);
        RecordingListener chunked = new RecordingListener();
        QmpStreamParser parser = new QmpStreamParser(MAX_BYTES, MAX_TOKENS, MAX_DEPTH);
        RandomChunks.feed(input, 1 + random.nextInt(Math.max(1, input.length)), random, chunk -> parser.feed(chunk, chunked));
        assertEquals(whole.events, chunked.events, "events must not depend on how the input was split");

        assertTrue(chunked.events.size() <= input.length, chunked.events.size() + " events from " + input.length + " bytes");
        chunked.events.stream().filter(e -> e.startsWith("ERROR ")).forEach(e ->
                assertTrue(QemuErrorTexts.matchesAny(QemuErrorTexts.PARSING, e.substring("ERROR ".length())), e));
        for (JsonNode value : chunked.values) {
            assertTrue(depth(value) <= MAX_DEPTH, "too deep: " + value);
            assertTrue(nodes(value) <= MAX_TOKENS, "too many tokens: " + value);
        }

        int before = chunked.events.size();
        RandomChunks.feed(RESYNC, 1 + random.nextInt(RESYNC.length), random, chunk -> parser.feed(chunk, chunked));
        List<String> after = chunked.events.subList(before, chunked.events.size());
        assertTrue(after.size() == 2 || after.size() == 3, "at most one pending value, a stray error, the value: " + after);
        assertTrue(after.get(after.size() - 2).startsWith("ERROR JSON parse error, stray '"), after.toString());
        assertEquals("VALUE {\"a\": 1}", after.get(after.size() - 1));
    }

    private static int depth(JsonNode value) {
        int deepest = 0;
        for (JsonNode child : value) {
            deepest = Math.max(deepest, depth(child));
        }
        return value.isContainerNode() ? deepest + 1 : 0;
    }

    private static int nodes(JsonNode value) {
        int count = 1;
        for (JsonNode child : value) {
            count += nodes(child);
        }
        return count;
    }
}
