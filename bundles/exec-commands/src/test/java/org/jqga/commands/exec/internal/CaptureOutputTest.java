package org.jqga.commands.exec.internal;

import static org.jqga.commands.exec.internal.ExecFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jqga.api.Base64Argument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureOutputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"true|SEPARATED", "false|NONE", "\"none\"|NONE", "\"stdout\"|STDOUT",
        "\"stderr\"|STDERR", "\"separated\"|SEPARATED", "\"merged\"|MERGED"})
    void acceptedValues(String json, CaptureOutput expected) throws Exception {
        assertEquals(expected, CaptureOutput.parse(ExecFixture.capture(json)));
    }

    @Test
    void absentIsNone() throws Exception {
        assertEquals(CaptureOutput.NONE, CaptureOutput.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "1", "0", "1.5", "[]", "{}", "[true]"})
    void wrongTypes(String json) {
        assertError("Invalid parameter type for 'capture-output', expected: GuestExecCaptureOutput",
                () -> CaptureOutput.parse(ExecFixture.capture(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "", "NONE", "True", "merged "})
    void unknownNames(String name) {
        assertError("Parameter 'capture-output' does not accept value '" + name + "'",
                () -> CaptureOutput.parse(ExecFixture.JSON.getNodeFactory().textNode(name)));
    }

    @Test
    void argumentErrorsComeBeforeAnythingRuns() {
        try (ExecFixture agent = new ExecFixture()) {
            assertError("Invalid parameter type for 'capture-output', expected: GuestExecCaptureOutput",
                    () -> agent.exec.execute(new GuestExec.Arguments("/nonexistent", null, null, Base64Argument.ofText("***"),
                            ExecFixture.capture("7")), null));
            assertEquals(0, agent.table.size());
        }
    }
}
