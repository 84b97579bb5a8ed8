package org.jqga.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jqga.api.audit.RequestRecord;

/**
 * The audit file's line format (JSON lines, one object per line, members always in this order):
 * <pre>
 * {"time":"2025-01-31T12:00:00.123456Z","command":"guest-file-open","args-sha256":"9f2c...","decision":"refused",
 *  "rule":"policy file /etc/qemu/jqga-policy.json: deny-risk file","result":"CommandNotFound","duration-us":87,
 *  "origin":"host"}
 * </pre>
 * {@code command} and {@code rule} are null when unknown; see {@link RequestRecord} for the values. When records
 * {@code origin} is {@code host} or {@code local-admin} (the admin socket). When records
 * had to be dropped (queue full), a line {@code {"time":...,"event":"dropped","count":N}} says how many.
 */
final class AuditLine {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditLine() {
    }

    static String of(RequestRecord record) {
        return write(json -> {
            json.writeStringField("time", TIME.format(record.time().truncatedTo(ChronoUnit.MICROS)));
            json.writeStringField("command", record.command());
            json.writeStringField("args-sha256", record.argumentsSha256());
            json.writeStringField("decision", record.decision());
            json.writeStringField("rule", record.rule());
            json.writeStringField("result", record.result());
            json.writeNumberField("duration-us", record.durationMicros());
            json.writeStringField("origin", record.origin());
        });
    }

    static String dropped(Instant time, long count) {
        return write(json -> {
            json.writeStringField("time", TIME.format(time.truncatedTo(ChronoUnit.MICROS)));
            json.writeStringField("event", "dropped");
            json.writeNumberField("count", count);
        });
    }

    private interface Members {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Members members) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            members.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }
}
