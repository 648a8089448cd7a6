package dev.riffcode.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffcode.llm.LlmSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which clip backend to use and how to reach it, from the same places as the LLM endpoint: flags, then the
 * environment, then the user's config file ({@code ~/.config/riffcode/config.json}, keys {@code clip_backend},
 * {@code clip_url}, {@code clip_model}, and the shared {@code api_keys} map of endpoint to key).
 *
 * <p>A key goes only to the endpoint it was given for: {@code --clip-api-key} to this run's endpoint,
 * {@code HF_TOKEN} to Hugging Face's own endpoint only, an {@code api_keys} entry to the URL it is listed under. A
 * Riffusion server has no keys and gets none. Keys never reach the session: {@link #toString()} and
 * {@link #describe()} do not show them.
 *
 * @param backend    {@code riffusion} or {@code huggingface}
 * @param url        the endpoint, without a trailing slash
 * @param model      the model (Hugging Face), or null
 * @param apiKey     the key for {@code url}, or null
 * @param timeout    longest wait for one answer
 * @param configured true when a backend was chosen on purpose (a flag, the environment or the config file), false
 *                   when these are only the defaults
 * @param keyRoute   which key (by source, never value) goes where, or why none does
 */
public record ClipSettings(String backend, String url, String model, String apiKey, Duration timeout,
        boolean configured, String keyRoute) {

    public static final String RIFFUSION = "riffusion";
    public static final String HUGGINGFACE = "huggingface";
    /** Environment variables. */
    public static final String ENV_BACKEND = "RIFFCODE_CLIP_BACKEND";
    public static final String ENV_URL = "RIFFCODE_CLIP_URL";
    public static final String ENV_HF_TOKEN = "HF_TOKEN";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    /**
     * Command-line values; null means not given.
     */
    public record Flags(String backend, String url, String model, String apiKey, Duration timeout) {
        public static Flags none() {
            return new Flags(null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Flags[backend=" + backend + ", url=" + url + ", model=" + model + ", apiKey="
                    + (apiKey == null ? "null" : "(set)") + ", timeout=" + timeout + "]";
        }
    }

    /**
     * Merges flags, environment and config file.
     *
     * @throws ClipException (CONFIG) naming the bad value and where it came from
     */
    public static ClipSettings resolve(Flags flags, Map<String, String> env, Path configFile) throws ClipException {
        Map<String, String> file = readConfig(configFile);
        String backendSource = flags.backend() != null ? "--backend" : blank(env.get(ENV_BACKEND)) ? "clip_backend in "
                + configFile : ENV_BACKEND;
        String backend = first(flags.backend(), env.get(ENV_BACKEND), file.get("clip_backend"));
        String url = first(flags.url(), env.get(ENV_URL), file.get("clip_url"));
        boolean configured = backend != null || url != null;
        if (backend == null) {
            backend = RIFFUSION;
        }
        backend = backend.toLowerCase(Locale.ROOT);
        if (backend.equals("hf") || backend.equals("musicgen")) {
            backend = HUGGINGFACE;
        }
        if (!backend.equals(RIFFUSION) && !backend.equals(HUGGINGFACE)) {
            throw new ClipException(ClipException.Kind.CONFIG, "the clip backend from " + backendSource + " is \""
                    + backend + "\"; use riffusion or huggingface");
        }
        String urlSource = flags.url() != null ? "--clip-url" : !blank(env.get(ENV_URL)) ? ENV_URL
                : "clip_url in " + configFile;
        if (url == null) {
            url = backend.equals(RIFFUSION) ? RiffusionBackend.DEFAULT_URL : HuggingFaceBackend.DEFAULT_URL;
        }
        url = url.replaceAll("/+$", "");
        String problem = urlProblem(url);
        if (problem != null) {
            throw new ClipException(ClipException.Kind.CONFIG, "the clip server address from " + urlSource + " ("
                    + url + ") is not usable: " + problem + ". Give one like http://127.0.0.1:3013");
        }
        String model = first(flags.model(), file.get("clip_model"));
        if (model == null && backend.equals(HUGGINGFACE)) {
            model = HuggingFaceBackend.DEFAULT_MODEL;
        }
        String key = null;
        String route;
        if (backend.equals(RIFFUSION)) {
            route = "no API key goes to " + url + " (a Riffusion server takes none)";
        } else if (!blank(flags.apiKey())) {
            key = flags.apiKey().strip();
            route = "API key from --clip-api-key goes to " + url;
        } else if (file.containsKey("key:" + normalise(url))) {
            key = file.get("key:" + normalise(url));
            route = "API key from api_keys in " + configFile + " goes to " + url;
        } else if (!blank(env.get(ENV_HF_TOKEN)) && isHuggingFace(url)) {
            key = env.get(ENV_HF_TOKEN).strip();
            route = "API key from " + ENV_HF_TOKEN + " goes to " + url;
        } else {
            route = "no API key goes to " + url + (!blank(env.get(ENV_HF_TOKEN))
                    ? " (" + ENV_HF_TOKEN + " is only sent to Hugging Face's own endpoints)" : "");
        }
        Duration timeout = flags.timeout() != null ? flags.timeout() : DEFAULT_TIMEOUT;
        return new ClipSettings(backend, url, model, key, timeout, configured, route);
    }

    /** The backend these settings name. */
    public ClipBackend backendClient() {
        return backend.equals(HUGGINGFACE) ? new HuggingFaceBackend(url, model, apiKey, timeout)
                : new RiffusionBackend(url, timeout);
    }

    /** One line for messages and logs, without the key. */
    public String describe() {
        return backend + (model == null ? "" : " " + model) + " at " + url + (apiKey == null ? "" : " (API key set)");
    }

    @Override
    public String toString() {
        return "ClipSettings[" + describe() + ", timeout " + timeout.toSeconds() + "s]";
    }

    /** True for Hugging Face's own hosts, the only ones HF_TOKEN is sent to. */
    static boolean isHuggingFace(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null || !new URI(url).getScheme().equalsIgnoreCase("https")) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("router.huggingface.co") || host.equals("api-inference.huggingface.co");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An endpoint as keys are matched to it: the same rule as the LLM's keys. */
    static String normalise(String url) {
        return LlmSettings.normaliseForCompare(url);
    }

    private static String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "it must start with http:// or https://";
            }
            return uri.getHost() == null ? "it has no host name" : null;
        } catch (URISyntaxException e) {
            return e.getReason();
        }
    }

    /** The clip_* strings of the config file, and its api_keys as "key:" + normalised URL. */
    private static Map<String, String> readConfig(Path path) throws ClipException {
        Map<String, String> out = new HashMap<>();
        if (path == null) {
            return out;
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new ClipException(ClipException.Kind.CONFIG, "config file " + path + " cannot be read ("
                    + e.getMessage() + ")");
        }
        if (text.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new ClipException(ClipException.Kind.CONFIG, "config file " + path + " is not valid JSON; fix or "
                    + "delete it");
        }
        if (root == null || !root.isObject()) {
            return out;
        }
        for (String key : new String[] {"clip_backend", "clip_url", "clip_model"}) {
            JsonNode v = root.get(key);
            if (v != null && !v.isNull()) {
                if (!v.isTextual()) {
                    throw new ClipException(ClipException.Kind.CONFIG, "\"" + key + "\" in " + path
                            + " must be a string");
                }
                if (!v.asText().isBlank()) {
                    out.put(key, v.asText().strip());
                }
            }
        }
        JsonNode keys = root.get("api_keys");
        if (keys != null && keys.isObject()) {
            keys.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    out.put("key:" + normalise(e.getKey()), e.getValue().asText().strip());
                }
            });
        }
        return out;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v.strip();
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
