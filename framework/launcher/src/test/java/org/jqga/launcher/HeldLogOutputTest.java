package org.jqga.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class HeldLogOutputTest {

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    private final AtomicInteger opens = new AtomicInteger();

    private HeldLogOutput output(int capacity) {
        return new HeldLogOutput(() -> {
            opens.incrementAndGet();
            return file;
        }, fallback, capacity);
    }

    private static PrintStream printer(HeldLogOutput output) {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private String written() {
        return file.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passesWholeLinesThroughWhenNotHolding() {
        HeldLogOutput output = output(1024);
        PrintStream err = printer(output);
        err.println("one");
        err.print("two ");
        err.print("halves");
        assertEquals("one\n", written(), "a partial line waits for its newline");
        err.println();
        assertEquals("one\ntwo halves\n", written());
    }

    @Test
    void holdsLinesUntilReleasedAndThenWritesThemInOrder() {
        HeldLogOutput output = output(1024);
        PrintStream err = printer(output);
        err.println("before");
        output.hold();
        err.println("while frozen 1");
        err.println("while frozen 2");
        assertEquals("before\n", written(), "nothing may reach the file while holding");

        HeldLogOutput.Released released = output.release();
        assertEquals(new HeldLogOutput.Released(2, 0), released);
        err.println("after");
        assertEquals("before\nwhile frozen 1\nwhile frozen 2\nafter\n", written());
    }

    @Test
    void aLineBegunBeforeTheHoldIsHeldWhole() {
        HeldLogOutput output = output(1024);
        PrintStream err = printer(output);
        err.print("begun ");
        output.hold();
        err.println("and finished while frozen");
        assertEquals("", written());
        output.release();
        assertEquals("begun and finished while frozen\n", written());
    }

    @Test
    void countsAndDropsLinesBeyondTheCapacity() {
        HeldLogOutput output = output(20);
        PrintStream err = printer(output);
        output.hold();
        err.println("0123456789"); // 11 bytes: held
        err.println("abcdefghij"); // would make 22: dropped
        err.println("x");          // would fit, but the held stretch stays unbroken: dropped
        HeldLogOutput.Released released = output.release();
        assertEquals(new HeldLogOutput.Released(1, 2), released);
        assertEquals("0123456789\n", written());

        output.hold();
        err.println("next freeze");
        assertEquals(new HeldLogOutput.Released(1, 0), output.release(), "the counts start afresh");
    }

    @Test
    void opensTheDestinationOnlyOnTheFirstLineThatIsNotHeld() {
        HeldLogOutput output = output(1024);
        output.hold();
        PrintStream err = printer(output);
        err.println("held at start");
        assertEquals(0, opens.get(), "an agent that starts frozen must not create its log file");
        output.release();
        assertEquals(1, opens.get());
        err.println("later");
        assertEquals(1, opens.get());
        assertEquals("held at start\nlater\n", written());
    }

    @Test
    void fallsBackToStderrWhenTheFileCannotBeOpened() {
        HeldLogOutput output = new HeldLogOutput(() -> {
            throw new IOException("Permission denied");
        }, fallback, 1024);
        PrintStream err = printer(output);
        err.println("line");
        String text = fallback.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("unable to open the log file (Permission denied)"), text);
        assertTrue(text.endsWith("line\n"), text);
    }

    @Test
    void releaseWithoutHoldIsHarmless() {
        HeldLogOutput output = output(1024);
        assertFalse(output.isHolding());
        assertEquals(new HeldLogOutput.Released(0, 0), output.release());
    }
}
