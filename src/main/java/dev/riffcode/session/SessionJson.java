package dev.riffcode.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reading and writing {@code session.json}. */
final class SessionJson {

    /** Bumped when the layout changes in a way older readers cannot follow. */
    static final int FORMAT = 1;

    /** The whole index as stored. */
    record Index(int format, String title, Instant created, List<Step> steps) {
        Index {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    // Configured once here and never changed afterwards, so sharing it is safe.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(instants())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // A newer Riffcode may add fields; an older one should still read the session.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SessionJson() {
    }

    static byte[] write(Index index) throws IOException {
        return MAPPER.writeValueAsBytes(index);
    }

    static Index read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Index index;
        try {
            index = MAPPER.readValue(bytes, Index.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a valid session index: " + e.getOriginalMessage(), e);
        }
        if (index == null || index.created() == null) {
            throw new IOException(file + " is not a valid session index: it has no creation time");
        }
        if (index.format() > FORMAT) {
            throw new IOException(file + " was written by a newer Riffcode (format " + index.format()
                    + "); update Riffcode to read it");
        }
        return index;
    }

    /** ISO-8601 text such as 2025-03-01T14:05:09.123Z, without the jsr310 module. */
    private static SimpleModule instants() {
        SimpleModule module = new SimpleModule("instants");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return Instant.parse(p.getValueAsString());
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getValueAsString(),
                            "not an ISO-8601 instant");
                }
            }
        });
        return module;
    }
}
