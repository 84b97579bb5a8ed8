package org.jqga.commands.file.internal;

import static org.jqga.commands.file.internal.FileCommandsFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GuestFileSeekTest {

    @TempDir
    Path dir;

    private FileCommandsFixture agent;
    private long handle;

    @BeforeEach
    void openTenBytes() throws Exception {
        agent = new FileCommandsFixture(Files.createDirectory(dir.resolve("state")), 1024);
        handle = agent.open(Files.writeString(dir.resolve("ten"), "0123456789"), "r");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0; 3; 3", "'\"set\"'; 3; 3",
        "1; 2; 6", "'\"cur\"'; 2; 6",
        "2; -1; 9", "'\"end\"'; -1; 9",
        "2; 5; 15"})
    void integerAndNamedWhence(String whence, long offset, long expected) throws Exception {
        agent.seek(handle, 4, "0");
        assertEquals(new GuestFileSeek.Result(false, expected), agent.seek(handle, offset, whence));
    }

    @Test
    void readContinuesFromTheSeekPosition() throws Exception {
        agent.seek(handle, -2, "\"end\"");
        assertEquals("ODk=", java.util.Base64.getEncoder().encodeToString(agent.readBytes(handle, 10L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "7", "-1", "1099511627776"})
    void unknownIntegerCode(String code) {
        assertError("invalid whence code " + code, () -> agent.seek(handle, 0, code));
    }

    @Test
    void negativeResultingPosition() {
        assertError("failed to seek file: Invalid argument", () -> agent.seek(handle, -5, "0"));
        assertError("failed to seek file: Invalid argument", () -> agent.seek(handle, -11, "\"end\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"bogus\"", "\"SET\"", "\"\"", "\"0\""})
    void unknownName(String json) throws Exception {
        String name = FileCommandsFixture.whence(json).textValue();
        assertError("Parameter 'whence' does not accept value '" + name + "'", () -> agent.seek(handle, 0, json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e2", "9223372036854775808"})
    void nonIntegerNumbers(String json) {
        assertError("Invalid parameter type for 'whence', expected: integer", () -> agent.seek(handle, 0, json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "null", "{}", "[0]"})
    void otherJsonTypes(String json) {
        assertError("Invalid parameter type for 'whence', expected: GuestFileWhence",
                () -> agent.seek(handle, 0, json));
    }

    @Test
    void argumentErrorsComeBeforeTheHandleLookupButTheCodeCheckAfterIt() {
        assertError("Parameter 'whence' does not accept value 'bogus'", () -> agent.seek(5, 0, "\"bogus\""));
        assertError("Invalid parameter type for 'whence', expected: GuestFileWhence", () -> agent.seek(5, 0, "true"));
        assertError("handle '5' has not been found", () -> agent.seek(5, 0, "9"));
        assertError("handle '5' has not been found", () -> agent.seek(5, -100, "0"));
    }

    @Test
    void fifoIsNotSeekable() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        long pipe = agent.open(fifo, "r");
        assertError("failed to seek file: Illegal seek", () -> agent.seek(pipe, 0, "1"));
    }
}
