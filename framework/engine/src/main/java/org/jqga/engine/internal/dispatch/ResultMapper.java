package org.jqga.engine.internal.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jqga.api.ByteSource;
import org.jqga.api.NoResult;

/**
 * Turns a command's result into JSON the QAPI way: member names in kebab-case, absent (null)
 * optional members omitted, an empty object for {@link org.jqga.api.NoResult}. Bytes ({@code byte[]}, or a
 * {@link ByteBuffer}'s remaining bytes) become base64 when the reply is written.
 */
final class ResultMapper {

    /**
     * Built on first need rather than with the engine, which the host's first request waits for: a mapper costs a
     * cold JVM tens of milliseconds, and guest-ping or guest-sync-delimited (no result, or a number) need none.
     */
    private volatile ObjectMapper mapper;

    private static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new SimpleModule("bytes-by-reference")
                        .addSerializer(byte[].class, new ByReference<>(byte[].class))
                        .addSerializer(ByteBuffer.class, new ByReference<>(ByteBuffer.class))
                        .addSerializer(ByteSource.class, new ByReference<>(ByteSource.class)))
                .build();
    }

    /**
     * Jackson's own serializers copy bytes into the tree (a second 4 MiB per guest-file-read); an embedded object
     * is carried into it as it is, and the reply writer encodes it from there.
     */
    private static final class ByReference<T> extends StdSerializer<T> {
        ByReference(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeEmbeddedObject(value);
        }
    }

    JsonNode toTree(Object result) {
        if (result == NoResult.INSTANCE) {
            return JsonNodeFactory.instance.objectNode();
        }
        return mapper().valueToTree(result);
    }

    private ObjectMapper mapper() {
        ObjectMapper built = mapper;
        if (built == null) {
            synchronized (this) {
                built = mapper;
                if (built == null) {
                    built = newMapper();
                    mapper = built;
                }
            }
        }
        return built;
    }
}
