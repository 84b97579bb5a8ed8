package org.jqga.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RepliesTest {

    @Test
    void readsIntegersWhateverTheSpacingAndMemberOrder() throws IOException {
        assertEquals(4194304, Replies.integer("{\"return\": {\"count\": 4194304, \"buf-b64\": \"AAAA\", \"eof\": false}}",
                "count"));
        assertEquals(12, Replies.integer("{\"return\":{\"buf-b64\":\"QUJD\",\"eof\":true,\"count\":12}}", "count"));
        assertEquals(1000, Replies.returnedInteger("{\"return\": 1000}"));
    }

    @Test
    void readsFlags() {
        assertTrue(Replies.flag("{\"return\": {\"count\": 0, \"eof\": true}}", "eof"));
        assertFalse(Replies.flag("{\"return\": {\"count\": 5, \"eof\": false}}", "eof"));
        assertFalse(Replies.flag("{\"return\": {}}", "eof"));
    }

    @Test
    void anErrorReplyIsAFailureNamingTheRequest() {
        IOException e = assertThrows(IOException.class, () -> Replies.requireReturn("guest-file-read",
                "{\"error\": {\"class\": \"GenericError\", \"desc\": \"invalid handle\"}}"));
        assertTrue(e.getMessage().contains("guest-file-read"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid handle"), e.getMessage());
    }

    @Test
    void aMissingMemberIsAFailure() {
        assertThrows(IOException.class, () -> Replies.integer("{\"return\": {}}", "count"));
    }
}
