package org.jqga.engine.internal.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jqga.api.Base64Argument;
import org.jqga.api.CommandException;
import org.jqga.api.OptionalArgument;
import org.jqga.api.WireName;
import org.jqga.engine.internal.json.DecodedBase64Node;

/**
 * Binds a request's {@code arguments} object to a command's arguments record with the checks and
 * texts of QEMU's input visitor: members are visited in declaration order (missing, then type, per
 * member), and unexpected members are reported only after all declared ones were fine.
 */
public final class ArgumentBinder {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private ArgumentBinder() {
    }

    /** {@code arguments} may be null (the request had none), which binds like {@code {}}. */
    public static <A> A bind(JsonNode arguments, Class<A> type) throws CommandException {
        JsonNode object = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        return type.cast(bindRecord(object, type, ""));
    }

    private static Object bindRecord(JsonNode object, Class<?> type, String prefix) throws CommandException {
        RecordShape shape = SHAPES.get(type);
        Object[] values = new Object[shape.members.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.length; i++) {
            Member member = shape.members.get(i);
            String path = prefix + member.wireName;
            JsonNode value = object.get(member.wireName);
            if (value == null) {
                if (!member.optional) {
                    throw error("Parameter '" + path + "' is missing");
                }
                values[i] = member.absentValue();
                continue;
            }
            seen.add(member.wireName);
            values[i] = convert(value, member.type, path);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!seen.contains(name)) {
                throw error("Parameter '" + prefix + name + "' is unexpected");
            }
        }
        return shape.construct(values);
    }

    private static Object convert(JsonNode value, Type type, String path) throws CommandException {
        Class<?> raw = rawClass(type);
        if (raw == JsonNode.class) {
            return value;
        }
        if (raw == long.class || raw == Long.class) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw typeError(path, "integer");
            }
            return value.longValue();
        }
        if (raw == int.class || raw == Integer.class) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw typeError(path, "integer");
            }
            if (!value.canConvertToInt()) {
                throw error("Parameter '" + path + "' expects int32_t");
            }
            return value.intValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!value.isBoolean()) {
                throw typeError(path, "boolean");
            }
            return value.booleanValue();
        }
        if (raw == double.class || raw == Double.class) {
            if (!value.isNumber()) {
                throw typeError(path, "number");
            }
            return value.doubleValue();
        }
        if (raw == Base64Argument.class) {
            if (value instanceof DecodedBase64Node decoded) {
                return decoded.lentBuffer() != null ? Base64Argument.ofLent(decoded.buffer(), decoded.textLength())
                        : Base64Argument.ofDecoded(decoded.decoded(), decoded.textLength());
            }
            if (!value.isTextual()) {
                throw typeError(path, "string");
            }
            return Base64Argument.ofText(value.textValue());
        }
        if (raw == String.class) {
            if (!value.isTextual()) {
                throw typeError(path, "string");
            }
            return value.textValue();
        }
        if (raw.isEnum()) {
            if (!value.isTextual()) {
                throw typeError(path, "string");
            }
            return enumConstant(raw, value.textValue(), path);
        }
        if (raw == List.class) {
            if (!value.isArray()) {
                throw typeError(path, "array");
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                list.add(convert(value.get(i), element, path + "[" + i + "]"));
            }
            return List.copyOf(list);
        }
        if (raw.isRecord()) {
            if (!value.isObject()) {
                throw typeError(path, "object");
            }
            return bindRecord(value, raw, path + ".");
        }
        throw new IllegalStateException("arguments of type " + type + " cannot be bound (" + path + ")");
    }

    private static Object enumConstant(Class<?> enumType, String text, String path) throws CommandException {
        for (Object constant : enumType.getEnumConstants()) {
            if (wireName((Enum<?>) constant).equals(text)) {
                return constant;
            }
        }
        throw error("Parameter '" + path + "' does not accept value '" + text + "'");
    }

    /** An enum constant's wire name: {@code @WireName} on the constant, else its name in lower kebab-case. */
    public static String wireName(Enum<?> constant) {
        try {
            WireName name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(WireName.class);
            return name != null ? name.value() : constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code bufB64} becomes {@code buf-b64}: a dash before each upper-case letter, which is lowered. */
    public static String kebabCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported argument type " + type);
    }

    private static CommandException typeError(String path, String expected) {
        return error("Invalid parameter type for '" + path + "', expected: " + expected);
    }

    private static CommandException error(String desc) {
        return CommandException.genericError(desc);
    }

    private record Member(String wireName, Type type, boolean optional) {
        Object absentValue() {
            Class<?> raw = rawClass(type);
            if (!raw.isPrimitive()) {
                return null;
            }
            // an optional primitive makes no sense to a reader of the record; refuse it early
            throw new IllegalStateException("optional argument '" + wireName + "' must not be primitive");
        }
    }

    private record RecordShape(List<Member> members, Constructor<?> constructor) {

        static RecordShape of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalStateException(type + " is not a record: command arguments must be records");
            }
            RecordComponent[] components = type.getRecordComponents();
            List<Member> members = new ArrayList<>(components.length);
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                WireName wire = component.getAnnotation(WireName.class);
                String name = wire != null ? wire.value() : kebabCase(component.getName());
                members.add(new Member(name, component.getGenericType(), component.isAnnotationPresent(OptionalArgument.class)));
                parameterTypes[i] = component.getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
                constructor.setAccessible(true);
                return new RecordShape(List.copyOf(members), constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        Object construct(Object[] values) throws CommandException {
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                // a compact constructor may validate: its message is the host's answer
                if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                    throw CommandException.genericError(iae.getMessage());
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
