package dev.riffcode.hearing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@link HearingReport} to and from JSON (the report.json kept with each render in a session). */
public final class ReportJson {

    // Configured once and never changed, so sharing it is safe.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    public static String write(HearingReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a hearing report could not be written as JSON", e);
        }
    }

    public static byte[] bytes(HearingReport report) {
        return write(report).getBytes(StandardCharsets.UTF_8);
    }

    /** The report as a JSON tree, to put inside a larger answer (the service's render result). */
    public static JsonNode tree(HearingReport report) {
        return MAPPER.valueToTree(report);
    }

    public static HearingReport read(byte[] json) throws IOException {
        return MAPPER.readValue(json, HearingReport.class);
    }
}
