package org.jqga.engine.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** For tests of what comes after the parser: one JSON text through the engine's own parser, as a host's request is. */
public final class ParsedJson {

    private ParsedJson() {
    }

    /** The single value in {@code json}; a parse error fails the test. */
    public static JsonNode of(String json) {
        List<JsonNode> values = new ArrayList<>();
        new QmpStreamParser().feed(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), new QmpStreamParser.Listener() {
            @Override
            public void value(JsonNode value) {
                values.add(value);
            }

            @Override
            public void error(String desc) {
                throw new AssertionError(desc);
            }
        });
        if (values.size() != 1) {
            throw new AssertionError(values.size() + " values in " + json);
        }
        return values.get(0);
    }
}
