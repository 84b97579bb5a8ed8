package org.jqga.distribution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an agent answers to one input: the input is followed by 0xFF and a guest-sync with a
 * fresh id, and replies are collected up to that sync's answer. The 0xFF also flushes whatever
 * partial value the input left, so every case starts the next one clean.
 */
final class ReplyTranscript {

    /** Replies may echo an id nested as deep as the agent accepts (1024). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2048).build()).build());
    private static long nextSyncId = 424242;

    private ReplyTranscript() {
    }

    static List<String> of(QgaClient client, byte[] input) throws IOException {
        long sync = nextSyncId++;
        client.send(input);
        client.send(("\u00ff{\"execute\":\"guest-sync\",\"arguments\":{\"id\":" + sync + "}}").getBytes(StandardCharsets.ISO_8859_1));
        List<String> replies = new ArrayList<>();
        String end = "{\"return\": " + sync + "}";
        while (true) {
            String line = client.readLine();
            if (line.equals(end)) {
                return replies;
            }
            replies.add(line);
        }
    }

    /** Replies as JSON trees (member order does not matter, qemu-ga uses hash order); a 0xFF prefix is kept as a marker. */
    static List<JsonNode> parsed(List<String> lines) throws IOException {
        List<JsonNode> trees = new ArrayList<>();
        for (String line : lines) {
            boolean delimited = line.startsWith("\u00ff");
            JsonNode tree = JSON.readTree(delimited ? line.substring(1) : line);
            trees.add(delimited ? JSON.createObjectNode().set("delimited", tree) : tree);
        }
        return trees;
    }
}
