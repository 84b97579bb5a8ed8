package org.jqga.engine.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jqga.engine.internal.json.DecodedBase64Node;

/**
 * The audit digest of a request's arguments: SHA-256 over a canonical, redacted form, so an auditor can check
 * "was it these arguments?" without the record holding file contents or secrets.
 *
 * <p>Canonical form: object members sorted by name at every level, compact JSON (Jackson's default printer, no
 * spaces); every member named {@code buf-b64}, {@code password} or {@code input-data}, at any depth, replaced by
 * the length of its text (a number). Absent arguments count as {@code {}}.
 */
public final class ArgumentDigest {

    static final Set<String> REDACTED = Set.of("buf-b64", "password", "input-data");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArgumentDigest() {
    }

    public static String of(JsonNode arguments) {
        byte[] canonical;
        try {
            canonical = JSON.writeValueAsBytes(canonical(arguments == null ? NODES.objectNode() : arguments));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always prints", e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The redacted, sorted copy that is hashed; the request's own tree is left alone. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode copy = NODES.objectNode();
            for (String name : names) {
                JsonNode value = node.get(name);
                copy.set(name, REDACTED.contains(name) ? NODES.numberNode(lengthOf(value)) : canonical(value));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = NODES.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                copy.add(canonical(it.next()));
            }
            return copy;
        }
        return node;
    }

    private static int lengthOf(JsonNode value) {
        if (value instanceof DecodedBase64Node decoded) {
            return decoded.textLength(); // not its text: that would encode megabytes again only to count them
        }
        return value.isTextual() ? value.textValue().length() : value.toString().length();
    }
}
