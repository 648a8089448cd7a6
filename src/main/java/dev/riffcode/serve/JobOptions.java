package dev.riffcode.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.runtime.RunRequest;
import dev.riffcode.studio.RenderOptions;
import java.util.OptionalDouble;

/**
 * The render options of a request, checked with the command line's rules ({@code --seconds}, {@code --rate},
 * {@code --bits}, {@code --timeout}, {@code --max-seconds}) and the same defaults, within the service's own caps.
 */
final class JobOptions {

    private JobOptions() {
    }

    /** The longest script name kept; names are only used in error messages. */
    static final int MAX_NAME = 100;

    static RenderOptions parse(JsonNode body, ServeConfig config) throws Http.Failure {
        int rate = intField(body, "rate", 44_100);
        if (rate != 44_100 && rate != 48_000) {
            throw bad("rate must be 44100 or 48000, got " + rate);
        }
        String bits = body.has("bits") ? body.get("bits").asText() : "16";
        WavFormat format;
        try {
            format = WavFormat.fromCliName(bits);
        } catch (IllegalArgumentException e) {
            throw bad("bits must be \"16\", \"24\" or \"32f\", got " + bits);
        }
        double timeout = number(body, "timeout", RunRequest.DEFAULT_TIMEOUT_MILLIS / 1000.0);
        double maxTimeout = config.maxTimeoutMillis() / 1000.0;
        if (!(timeout > 0 && timeout <= maxTimeout)) {
            throw bad("timeout must be more than 0 and at most " + fmt(maxTimeout) + " seconds on this service, got "
                    + fmt(timeout));
        }
        double maxSeconds = number(body, "max_seconds", Math.min(RunRequest.DEFAULT_MAX_SECONDS, config.maxPieceSeconds()));
        if (!(maxSeconds > 0 && maxSeconds <= config.maxPieceSeconds())) {
            throw bad("max_seconds must be more than 0 and at most " + fmt(config.maxPieceSeconds())
                    + " on this service, got " + fmt(maxSeconds));
        }
        OptionalDouble seconds = OptionalDouble.empty();
        if (body.hasNonNull("seconds")) {
            double s = number(body, "seconds", 0);
            if (!(s > 0 && s <= maxSeconds)) {
                throw bad("seconds must be more than 0 and at most max_seconds (" + fmt(maxSeconds) + "), got " + fmt(s));
            }
            seconds = OptionalDouble.of(s);
        }
        return new RenderOptions(rate, format, seconds, maxSeconds, Math.round(timeout * 1000));
    }

    /** The script's file name for messages: a plain name ending in .py, "script.py" when none is given. */
    static String scriptName(JsonNode body, String fallback) throws Http.Failure {
        if (!body.hasNonNull("name")) {
            return fallback;
        }
        String name = body.get("name").asText();
        if (name.isBlank() || name.length() > MAX_NAME || !name.matches("[^/\\\\\\x00-\\x1f]+")) {
            throw bad("name must be a plain file name such as beat.py, of at most " + MAX_NAME + " characters");
        }
        return name;
    }

    static String requiredText(JsonNode body, String field, String example) throws Http.Failure {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw bad("the body needs \"" + field + "\" as a string, e.g. " + example);
        }
        return v.asText();
    }

    static String optionalText(JsonNode body, String field) throws Http.Failure {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad("\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    static boolean flag(JsonNode body, String field) throws Http.Failure {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw bad("\"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    static int intField(JsonNode body, String field, int fallback) throws Http.Failure {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad("\"" + field + "\" must be a whole number, got " + v);
        }
        return v.asInt();
    }

    static Long longField(JsonNode body, String field) throws Http.Failure {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("\"" + field + "\" must be a whole number, got " + v);
        }
        return v.asLong();
    }

    static double number(JsonNode body, String field, double fallback) throws Http.Failure {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw bad("\"" + field + "\" must be a number, got " + v);
        }
        return v.asDouble();
    }

    static Http.Failure bad(String message) {
        return new Http.Failure(400, "bad_request", message);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
