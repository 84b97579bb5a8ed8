package org.jqga.engine.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records parser output in the shape qemu-ga's replies were recorded in: "ERROR desc", "NON_OBJECT" (qemu answers
 * "QMP input must be a JSON object"), "PING" / "PING id=ID" for {"execute":"guest-ping"[,"id":ID]} and
 * "VALUE json" for any other object.
 */
final class RecordingListener implements QmpStreamParser.Listener {
    final List<String> events = new ArrayList<>();
    final List<JsonNode> values = new ArrayList<>();

    @Override
    public void value(JsonNode value) {
        values.add(value);
        if (!value.isObject()) {
            events.add("NON_OBJECT");
        } else if (value.path("execute").asText("").equals("guest-ping")
                && (value.size() == 1 || (value.size() == 2 && value.has("id")))) {
            events.add(value.has("id") ? "PING id=" + json(value.get("id")) : "PING");
        } else {
            events.add("VALUE " + json(value));
        }
    }

    @Override
    public void error(String desc) {
        events.add("ERROR " + desc);
    }

    static String json(JsonNode node) {
        return new String(QmpJsonWriter.toBytes(node), StandardCharsets.US_ASCII);
    }

    /** Bytes of a string whose chars are all below 0x100 (test inputs written with octal escapes). */
    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> parseAll(QmpStreamParser parser, byte[] input) {
        RecordingListener listener = new RecordingListener();
        parser.feed(ByteBuffer.wrap(input), listener);
        return listener.events;
    }
}
