package org.jqga.commands.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reports as the engine's result mapping (kebab-case names, nulls omitted) turns them into JSON. */
class ResultJsonTest {

    private static final ObjectMapper ENGINE_LIKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    @Test
    void runningIsExactlyExitedFalse() throws Exception {
        assertEquals("{\"exited\":false}", ENGINE_LIKE.writeValueAsString(GuestExecStatus.Result.RUNNING));
    }

    @Test
    void dataIsStandardPaddedBase64() throws Exception {
        GuestExecStatus.Result result = new GuestExecStatus.Result(true, 3, null, "out".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFB, (byte) 0xFF, 0x3E, 0x3F}, false, true);
        assertEquals("{\"exited\":true,\"exitcode\":3,\"out-data\":\"b3V0\",\"err-data\":\"+/8+Pw==\","
                + "\"out-truncated\":false,\"err-truncated\":true}", ENGINE_LIKE.writeValueAsString(result));
        assertEquals("{\"exited\":true,\"signal\":9}",
                ENGINE_LIKE.writeValueAsString(new GuestExecStatus.Result(true, null, 9, null, null, null, null)));
        assertEquals("{\"pid\":42}", ENGINE_LIKE.writeValueAsString(new GuestExec.Result(42)));
    }
}
