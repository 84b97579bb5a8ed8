package org.jqga.engine.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Recursive-descent parser over one collected value, structured like qemu's json-parser.c so that the first error
 * it meets, and its text, are the ones qemu reports (later errors never overwrite the first).
 */
final class JsonTokenParser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TokenQueue tokens;
    private String error;

    /** Returns the value as JsonNode, or a ParseFailure. */
    Object parse(TokenQueue queue) {
        tokens = queue;
        error = null;
        JsonNode value = parseValue();
        tokens = null;
        return error != null ? new ParseFailure(error) : value;
    }

    private void fail(String detail) {
        if (error == null) {
            error = detail;
        }
    }

    private JsonNode parseValue() {
        switch (tokens.peekType()) {
            case -1 -> {
                fail("premature EOI");
                return null;
            }
            case TokenType.LEFT_BRACE -> {
                return parseObject();
            }
            case TokenType.LEFT_BRACKET -> {
                return parseArray();
            }
            case TokenType.INTEGER, TokenType.FLOAT, TokenType.STRING, TokenType.KEYWORD -> {
                tokens.popType();
                Object payload = tokens.poppedPayload();
                if (payload instanceof ParseFailure failure) {
                    fail(failure.detail());
                    return null;
                }
                return payload instanceof String s ? NODES.textNode(s) : (JsonNode) payload;
            }
            default -> {
                fail("expecting value");
                return null;
            }
        }
    }

    private JsonNode parseObject() {
        tokens.popType();
        ObjectNode object = NODES.objectNode();
        if (tokens.peekType() < 0) {
            fail("premature EOI");
            return null;
        }
        if (tokens.peekType() == TokenType.RIGHT_BRACE) {
            tokens.popType();
            return object;
        }
        if (!parseMember(object)) {
            return null;
        }
        int type = tokens.popType();
        while (type != TokenType.RIGHT_BRACE) {
            if (type < 0) {
                fail("premature EOI");
                return null;
            }
            if (type != TokenType.COMMA) {
                fail("expected separator in dict");
                return null;
            }
            if (!parseMember(object)) {
                return null;
            }
            type = tokens.popType();
        }
        return object;
    }

    private boolean parseMember(ObjectNode object) {
        if (tokens.peekType() < 0) {
            fail("premature EOI");
            return false;
        }
        JsonNode key = parseValue();
        if (key == null || !key.isTextual()) {
            fail("key is not a string in object");
            return false;
        }
        int type = tokens.popType();
        if (type < 0) {
            fail("premature EOI");
            return false;
        }
        if (type != TokenType.COLON) {
            fail("missing : in object pair");
            return false;
        }
        JsonNode value = parseValue();
        if (value == null) {
            fail("Missing value in dict");
            return false;
        }
        String name = key.textValue();
        if (object.has(name)) {
            fail("duplicate key");
            return false;
        }
        object.set(name, value);
        return true;
    }

    private JsonNode parseArray() {
        tokens.popType();
        ArrayNode array = NODES.arrayNode();
        if (tokens.peekType() < 0) {
            fail("premature EOI");
            return null;
        }
        if (tokens.peekType() == TokenType.RIGHT_BRACKET) {
            tokens.popType();
            return array;
        }
        JsonNode element = parseValue();
        if (element == null) {
            fail("expecting value");
            return null;
        }
        array.add(element);
        int type = tokens.popType();
        while (type != TokenType.RIGHT_BRACKET) {
            if (type < 0) {
                fail("premature EOI");
                return null;
            }
            if (type != TokenType.COMMA) {
                fail("expected separator in list");
                return null;
            }
            element = parseValue();
            if (element == null) {
                fail("expecting value");
                return null;
            }
            array.add(element);
            type = tokens.popType();
        }
        return array;
    }
}
