package org.jqga.engine.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jqga.engine.internal.json.ParsedJson;
import org.junit.jupiter.api.Test;

class ArgumentDigestTest {

    private final ObjectMapper json = new ObjectMapper();

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void digestIsOverTheSortedCompactForm() throws Exception {
        String digest = ArgumentDigest.of(json.readTree("{\"path\": \"/etc/hosts\", \"mode\": \"r\"}"));
        assertEquals(sha256("{\"mode\":\"r\",\"path\":\"/etc/hosts\"}"), digest);
        assertEquals(digest, ArgumentDigest.of(json.readTree("{\"mode\":\"r\",\"path\":\"/etc/hosts\"}")), "member order does not matter");
    }

    @Test
    void secretsAndContentsAreReplacedByTheirLengthAtAnyDepth() throws Exception {
        String digest = ArgumentDigest.of(json.readTree(
                "{\"handle\": 1000, \"buf-b64\": \"aGVsbG8=\", \"x\": [{\"password\": \"c2VjcmV0\", \"input-data\": \"QQ==\"}]}"));
        assertEquals(sha256("{\"buf-b64\":8,\"handle\":1000,\"x\":[{\"input-data\":4,\"password\":8}]}"), digest);
        assertEquals(digest, ArgumentDigest.of(json.readTree(
                "{\"handle\": 1000, \"buf-b64\": \"d29ybGQ=\", \"x\": [{\"password\": \"b3RoZXJz\", \"input-data\": \"Qg==\"}]}")),
                "same lengths, other secrets: the digest cannot tell them apart");
        assertNotEquals(digest, ArgumentDigest.of(json.readTree("{\"handle\": 1001, \"buf-b64\": \"aGVsbG8=\"}")));
    }

    @Test
    void fileDataTheParserHeldDecodedDigestsAsTheTextItWas() throws Exception {
        byte[] data = new byte[64 * 1024];
        new java.util.Random(3).nextBytes(data);
        String text = java.util.Base64.getEncoder().encodeToString(data);
        String arguments = "{\"handle\": 1000, \"buf-b64\": \"" + text + "\", \"other\": \"" + text + "\"}";
        JsonNode parsed = ParsedJson.of(arguments);
        assertEquals(ArgumentDigest.of(json.readTree(arguments)), ArgumentDigest.of(parsed));
        assertEquals(sha256("{\"buf-b64\":" + text.length() + ",\"handle\":1000,\"other\":\"" + text + "\"}"),
                ArgumentDigest.of(parsed));
    }

    @Test
    void absentArgumentsCountAsEmptyObject() throws Exception {
        assertEquals(sha256("{}"), ArgumentDigest.of(null));
        assertEquals(sha256("{}"), ArgumentDigest.of(json.readTree("{}")));
    }
}
