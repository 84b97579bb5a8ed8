package org.jqga.engine.internal.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.jqga.api.Base64Argument;
import org.jqga.api.CommandException;
import org.jqga.api.ErrorClass;
import org.jqga.api.LenientBase64;
import org.jqga.api.NoArguments;
import org.jqga.api.OptionalArgument;
import org.jqga.api.WireName;

/**
 * Coverage-guided fuzzing of argument binding (issue 9): arbitrary argument trees, of the node types the
 * engine's parser produces, against records shaped like the real commands' (ranges, optionals, enums, nested
 * lists, base64 text). The only failure allowed is a CommandException of class GenericError with a qemu text;
 * a success must have consumed every member given and found every required one.
 */
class ArgumentBinderFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;
    private static final int MAX_CHUNK = 48 << 20;
    private static final String COUNT_INVALID = "value '%d' is invalid for argument count";

    enum Mode { POWERDOWN, HALT, REBOOT }

    enum Whence { @WireName("set") SET, @WireName("cur") CURRENT, END }

    record Cpu(long logicalId, boolean online, @OptionalArgument Boolean canOffline) {
    }

    /** A range checked where the record is made, as a command's arguments may: its text is the host's answer. */
    record FileWrite(long handle, Base64Argument bufB64, @OptionalArgument Long count) {
        FileWrite {
            if (count != null && (count < 0 || count > MAX_CHUNK)) {
                throw new IllegalArgumentException(String.format(COUNT_INVALID, count));
            }
        }
    }

    record Exec(String path, @OptionalArgument List<String> arg, @OptionalArgument List<String> env,
                @OptionalArgument String inputData, @OptionalArgument JsonNode captureOutput) {
    }

    record SetVcpus(List<Cpu> vcpus) {
    }

    record Shutdown(@OptionalArgument Mode mode) {
    }

    record Grid(List<List<Integer>> rows, @OptionalArgument Double scale, @OptionalArgument Whence whence,
                @OptionalArgument @WireName("old_style") Boolean oldStyle) {
    }

    private static final List<Class<? extends Record>> RECORDS = List.of(
            NoArguments.class, Cpu.class, FileWrite.class, Exec.class, SetVcpus.class, Shutdown.class, Grid.class);

    /** Every wire name above, some enum texts and base64, so that the fuzzer hits members as often as misses. */
    private static final String[] WORDS = {
        "handle", "buf-b64", "count", "path", "arg", "env", "input-data", "capture-output", "vcpus", "logical-id",
        "online", "can-offline", "mode", "rows", "scale", "whence", "old_style", "oldStyle", "powerdown", "halt",
        "reboot", "set", "cur", "end", "aGVsbG8=", "aGVsbG8", "a=b=", "\n", "",
    };

    @FuzzTest
    void argumentTrees(FuzzedDataProvider data) {
        Class<? extends Record> type = data.pickValue(RECORDS);
        ObjectNode arguments = data.consumeBoolean() ? null : object(data, 0);
        Record bound;
        try {
            bound = ArgumentBinder.bind(arguments, type);
        } catch (CommandException e) {
            assertEquals(ErrorClass.GenericError, e.errorClass(), e.desc());
            assertTrue(QemuErrorTexts.matchesAny(QemuErrorTexts.BINDING, e.desc())
                    || e.desc().matches("value '-?\\d+' is invalid for argument count"), e.desc());
            return;
        }
        assertEquals(type, bound.getClass());
        assertEveryMemberUsed(arguments, type);
        if (bound instanceof FileWrite write) {
            assertBase64Decodes(write.bufB64());
        }
    }

    /** A success bound nothing unexpected and missed nothing required. */
    private static void assertEveryMemberUsed(ObjectNode arguments, Class<? extends Record> type) {
        List<String> names = Arrays.stream(type.getRecordComponents()).map(ArgumentBinderFuzzTest::wireName).toList();
        if (arguments != null) {
            arguments.fieldNames().forEachRemaining(name -> assertTrue(names.contains(name), "bound although unexpected: " + name));
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = wireName(component);
            assertTrue(component.isAnnotationPresent(OptionalArgument.class) || (arguments != null && arguments.has(name)),
                    "bound although missing: " + name);
        }
    }

    private static String wireName(RecordComponent component) {
        WireName wire = component.getAnnotation(WireName.class);
        return wire != null ? wire.value() : ArgumentBinder.kebabCase(component.getName());
    }

    private static void assertBase64Decodes(Base64Argument text) {
        try {
            byte[] decoded = text.decode();
            assertTrue(decoded.length <= text.textLength() / 4 * 3 + 3, "decoded more than the text holds");
        } catch (CommandException e) {
            assertEquals(LenientBase64.INVALID_CHARACTERS, e.desc());
        }
    }

    private static ObjectNode object(FuzzedDataProvider data, int depth) {
        ObjectNode object = NODES.objectNode();
        int members = data.consumeInt(0, 6);
        for (int i = 0; i < members; i++) {
            object.set(text(data), value(data, depth + 1));
        }
        return object;
    }

    /** The node types QmpStreamParser makes: long, uint64 as BigInteger, double (also infinite), text, ... */
    private static JsonNode value(FuzzedDataProvider data, int depth) {
        int kind = data.consumeInt(0, depth >= MAX_DEPTH ? 7 : 9);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeLong());
            case 3 -> NODES.numberNode(data.consumeInt(-2, 2));
            case 4 -> NODES.numberNode(BigInteger.valueOf(data.consumeLong()).add(BigInteger.ONE.shiftLeft(63)).abs());
            case 5 -> NODES.numberNode(data.consumeDouble());
            case 6, 7 -> NODES.textNode(text(data));
            case 8 -> array(data, depth);
            default -> object(data, depth);
        };
    }

    private static ArrayNode array(FuzzedDataProvider data, int depth) {
        ArrayNode array = NODES.arrayNode();
        int elements = data.consumeInt(0, 5);
        for (int i = 0; i < elements; i++) {
            array.add(value(data, depth + 1));
        }
        return array;
    }

    private static String text(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(WORDS) : data.consumeString(24);
    }
}
