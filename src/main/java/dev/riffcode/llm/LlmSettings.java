package dev.riffcode.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach a chat model: an OpenAI-compatible endpoint (OpenAI itself, Ollama, llama.cpp server, vLLM,
 * LM Studio, ...).
 *
 * <p>{@link #resolve} merges the sources, first one wins for each value: command-line flags, then the environment
 * ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code RIFFCODE_MODEL}), then the user's config file (JSON with
 * keys {@code base_url}, {@code api_key}, {@code model} and {@code api_keys}), then the defaults: OpenAI's endpoint, and
 * {@link #DEFAULT_OPENAI_MODEL} when that endpoint is used. On any other endpoint an unset model means "the
 * server's only model" (see {@link OpenAiChatModel}), since local servers name their models freely.
 *
 * <p>An API key is sent only to the endpoint it was given for (see {@link #keyRoute()}): a key from the environment
 * never follows a {@code --base-url} to another server.
 *
 * <p>{@link #toString()} and {@link #describe()} never show the API key, so settings are safe to log.
 *
 * @param baseUrl    the API root including the version path, e.g. {@code http://127.0.0.1:11434/v1}; no trailing
 *                   slash
 * @param apiKey     the API key, or null when none is configured (local servers need none)
 * @param model      the model to ask for, or null to use the server's only model
 * @param timeout    the longest wait for the server: to connect, to start answering, and between two pieces of a
 *                   streamed answer
 * @param maxRetries how many times a failed request (429, 5xx, timeout, connection failure) is retried, with the
 *                   client's backoff, before giving up
 * @param keyRoute   one line that says which key (by its source, never its value) goes to which endpoint, or that
 *                   none does and why
 */
public record LlmSettings(String baseUrl, String apiKey, String model, Duration timeout, int maxRetries,
        String keyRoute) {

    /** OpenAI's own endpoint, used when no base URL is configured. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    /**
     * The model used on OpenAI's endpoint when none is configured: small, fast and cheap, good at short code, and it
     * accepts a temperature (reasoning models such as the o-series refuse one).
     */
    public static final String DEFAULT_OPENAI_MODEL = "gpt-4.1-mini";

    /** Default for {@link #timeout()}: generous, because a local model may take a while to load and start. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Default for {@link #maxRetries()}. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    /** Sent as the key when none is configured: the client library insists on one and local servers ignore it. */
    public static final String PLACEHOLDER_API_KEY = "riffcode-local";

    /** Environment variable holding the API key. */
    public static final String ENV_API_KEY = "OPENAI_API_KEY";
    /** Environment variable holding the base URL. */
    public static final String ENV_BASE_URL = "OPENAI_BASE_URL";
    /** Environment variable holding the model name. */
    public static final String ENV_MODEL = "RIFFCODE_MODEL";

    private static final int MAX_RETRIES_LIMIT = 10;

    public LlmSettings {
        baseUrl = normaliseBaseUrl(baseUrl);
        apiKey = blankToNull(apiKey);
        model = blankToNull(model);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw new IllegalArgumentException("maxRetries must be 0.." + MAX_RETRIES_LIMIT + ", got " + maxRetries);
        }
        if (keyRoute == null) {
            keyRoute = apiKey != null ? "API key given in code goes to " + baseUrl : "no API key goes to " + baseUrl;
        }
    }

    /** Settings built in code (tests, the editor's dialog): the key, if any, is meant for this endpoint. */
    public LlmSettings(String baseUrl, String apiKey, String model, Duration timeout, int maxRetries) {
        this(baseUrl, apiKey, model, timeout, maxRetries, null);
    }

    /**
     * Values given on the command line; null means "not given".
     *
     * @param baseUrl    {@code --base-url}
     * @param apiKey     {@code --api-key}
     * @param model      {@code --model}
     * @param timeout    {@code --timeout}
     * @param maxRetries {@code --retries}
     */
    public record Flags(String baseUrl, String apiKey, String model, Duration timeout, Integer maxRetries) {

        /** No flags given. */
        public static Flags none() {
            return new Flags(null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Flags[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "null" : "(set)") + ", model=" + model
                    + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
        }
    }

    /**
     * The user's config file: {@code $XDG_CONFIG_HOME/riffcode/config.json} when that variable is set, else
     * {@code ~/.config/riffcode/config.json}.
     */
    public static Path defaultConfigFile(Map<String, String> env) {
        String xdg = blankToNull(env.get("XDG_CONFIG_HOME"));
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("riffcode").resolve("config.json");
    }

    /** Settings from this process's environment and the default config file, with no flags. */
    public static LlmSettings fromEnvironment() throws LlmException {
        Map<String, String> env = System.getenv();
        return resolve(Flags.none(), env, defaultConfigFile(env));
    }

    /**
     * Merges flags, environment, config file and defaults (in that order of precedence). Empty values count as unset.
     *
     * @param flags      command-line values
     * @param env        environment variables (pass {@code System.getenv()} or a test map)
     * @param configFile the JSON config file; it may be missing, or null to skip it
     * @throws LlmException ({@link LlmException.Kind#CONFIG}) when the config file is malformed or a value is invalid;
     *                      the message names the file or variable and the problem
     */
    public static LlmSettings resolve(Flags flags, Map<String, String> env, Path configFile) throws LlmException {
        ConfigFile file = ConfigFile.read(configFile);
        String envBaseUrl = blankToNull(env.get(ENV_BASE_URL));
        String baseUrl = first(flags.baseUrl(), envBaseUrl, file.baseUrl);
        String model = first(flags.model(), env.get(ENV_MODEL), file.model);
        if (baseUrl == null) {
            baseUrl = OPENAI_BASE_URL;
        }
        checkUrl(baseUrl, blankToNull(flags.baseUrl()) != null ? "--base-url"
                : envBaseUrl != null ? ENV_BASE_URL : "base_url in " + configFile);
        KeyChoice key = chooseKey(stripSlashes(baseUrl), flags, env, file, configFile);
        if (model == null && isOpenAiUrl(baseUrl)) {
            model = DEFAULT_OPENAI_MODEL;
        }
        Duration timeout = flags.timeout() != null ? flags.timeout() : DEFAULT_TIMEOUT;
        int maxRetries = flags.maxRetries() != null ? flags.maxRetries() : DEFAULT_MAX_RETRIES;
        try {
            return new LlmSettings(baseUrl, key.value, model, timeout, maxRetries, key.route);
        } catch (IllegalArgumentException e) {
            throw new LlmException(LlmException.Kind.CONFIG, e.getMessage());
        }
    }

    /** A key and the one line that says where it came from and where it goes (never the key itself). */
    private record KeyChoice(String value, String route) {
    }

    /**
     * A key goes only to the endpoint it was given for. {@code --api-key} is given for this run's endpoint;
     * {@code OPENAI_API_KEY} belongs to {@code OPENAI_BASE_URL} when the environment sets it, else to OpenAI; the
     * config file's {@code api_key} belongs to its {@code base_url} (else OpenAI), and its {@code api_keys} map names
     * the endpoint of each key. Anything else would hand a secret to a server the user never meant to trust.
     */
    private static KeyChoice chooseKey(String baseUrl, Flags flags, Map<String, String> env, ConfigFile file,
            Path configFile) {
        String target = normaliseForCompare(baseUrl);
        String flagKey = blankToNull(flags.apiKey());
        if (flagKey != null) {
            return new KeyChoice(flagKey.strip(), "API key from --api-key goes to " + baseUrl);
        }
        String envKey = blankToNull(env.get(ENV_API_KEY));
        String envKeyHome = firstOr(env.get(ENV_BASE_URL), OPENAI_BASE_URL);
        if (envKey != null && target.equals(normaliseForCompare(envKeyHome))) {
            return new KeyChoice(envKey.strip(), "API key from " + ENV_API_KEY + " goes to " + baseUrl);
        }
        String mapped = file.keyFor(target);
        if (mapped != null) {
            return new KeyChoice(mapped, "API key from api_keys in " + configFile + " goes to " + baseUrl);
        }
        String fileKeyHome = firstOr(file.baseUrl, OPENAI_BASE_URL);
        if (blankToNull(file.apiKey) != null && target.equals(normaliseForCompare(fileKeyHome))) {
            return new KeyChoice(file.apiKey.strip(), "API key from api_key in " + configFile + " goes to " + baseUrl);
        }
        String why = envKey != null ? " (" + ENV_API_KEY + " is only sent to " + stripSlashes(envKeyHome) + ")"
                : blankToNull(file.apiKey) != null ? " (the config file's api_key is only sent to "
                        + stripSlashes(fileKeyHome) + ")" : "";
        return new KeyChoice(null, "no API key goes to " + baseUrl + why);
    }

    /** Scheme, host, port and path, compared without case in scheme and host and with default ports filled in. */
    public static String normaliseForCompare(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return scheme + "://" + host + ":" + port + path;
        } catch (URISyntaxException e) {
            return url.strip();
        }
    }

    private static String firstOr(String value, String fallback) {
        return blankToNull(value) != null ? value.strip() : fallback;
    }

    private static String stripSlashes(String url) {
        return url.replaceAll("/+$", "");
    }

    /**
     * True when a request has a chance of working: there is an API key, or a base URL other than OpenAI's (a local
     * server needs no key). False means "nothing configured"; callers fall back to the offline generator or explain
     * how to configure one.
     */
    public boolean isConfigured() {
        return apiKey != null || !isOpenAi();
    }

    /** True when the endpoint is OpenAI's own API. */
    public boolean isOpenAi() {
        return isOpenAiUrl(baseUrl);
    }

    /** The key to send: the configured one, or {@link #PLACEHOLDER_API_KEY} when there is none. */
    public String apiKeyOrPlaceholder() {
        return apiKey != null ? apiKey : PLACEHOLDER_API_KEY;
    }

    /** The same settings with another model. */
    public LlmSettings withModel(String newModel) {
        return new LlmSettings(baseUrl, apiKey, newModel, timeout, maxRetries, keyRoute);
    }

    /**
     * A one-line description for logs and session files, e.g.
     * {@code model gpt-4.1-mini at https://api.openai.com/v1 (API key set, timeout 120s, 2 retries)}. It says whether
     * a key is set but never shows it.
     */
    public String describe() {
        String who = model != null ? "model " + model : "the server's model";
        String key = apiKey != null ? "API key set" : "no API key";
        return who + " at " + baseUrl + " (" + key + ", timeout " + seconds(timeout) + ", " + maxRetries
                + (maxRetries == 1 ? " retry)" : " retries)");
    }

    /** Same as {@link #describe()}: the record's default would print the key. */
    @Override
    public String toString() {
        return "LlmSettings[" + describe() + "]";
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static boolean isOpenAiUrl(String url) {
        try {
            return "api.openai.com".equalsIgnoreCase(new URI(url).getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normaliseBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("baseUrl must be set");
        }
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String problem = urlProblem(trimmed);
        if (problem != null) {
            throw new IllegalArgumentException("baseUrl " + url + " is not usable: " + problem);
        }
        return trimmed;
    }

    private static void checkUrl(String url, String source) throws LlmException {
        String problem = urlProblem(url);
        if (problem != null) {
            throw new LlmException(LlmException.Kind.CONFIG, "The base URL from " + source + " (" + url
                    + ") is not usable: " + problem + ". Use the server's API root, e.g. https://api.openai.com/v1 or"
                    + " http://127.0.0.1:11434/v1 for Ollama.");
        }
    }

    /** What is wrong with a base URL, or null when it is a usable http(s) URL. */
    private static String urlProblem(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "it must start with http:// or https://";
            }
            return uri.getHost() == null ? "it has no host name" : null;
        } catch (URISyntaxException e) {
            return e.getReason();
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The three optional values of the user's config file. */
    private static final class ConfigFile {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Pattern QUOTED_TOKEN = Pattern.compile("'([^'\\s]{7,})'");

        String baseUrl;
        String apiKey;
        String model;
        /** {@code api_keys}: endpoint URL → key, so each key is sent only where it belongs. */
        final Map<String, String> keysByEndpoint = new java.util.HashMap<>();

        String keyFor(String normalisedUrl) {
            return keysByEndpoint.get(normalisedUrl);
        }

        static ConfigFile read(Path path) throws LlmException {
            ConfigFile config = new ConfigFile();
            if (path == null) {
                return config;
            }
            String text;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                return config;
            } catch (CharacterCodingException e) {
                throw configError(path, "it is not UTF-8 text");
            } catch (IOException e) {
                if (Files.isDirectory(path)) {
                    throw configError(path, "it is a directory, not a file");
                }
                throw configError(path, "it cannot be read (" + e + ")");
            }
            if (text.isBlank()) {
                return config;
            }
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
                throw configError(path, "it is not valid JSON" + where + ": " + maskTokens(e.getOriginalMessage()));
            }
            if (root == null || !root.isObject()) {
                throw configError(path, "it must hold a JSON object like {\"base_url\": \"...\", \"model\": \"...\"}");
            }
            config.baseUrl = stringField(path, root, "base_url");
            config.apiKey = stringField(path, root, "api_key");
            config.model = stringField(path, root, "model");
            JsonNode keys = root.get("api_keys");
            if (keys != null && !keys.isNull()) {
                if (!keys.isObject()) {
                    throw configError(path, "\"api_keys\" must be an object like {\"http://127.0.0.1:8080/v1\": \"KEY\"}");
                }
                for (var entry : (Iterable<Map.Entry<String, JsonNode>>) keys::fields) {
                    if (!entry.getValue().isTextual()) {
                        throw configError(path, "the key for " + entry.getKey() + " in \"api_keys\" must be a string");
                    }
                    if (blankToNull(entry.getValue().asText()) != null) {
                        config.keysByEndpoint.put(normaliseForCompare(entry.getKey()), entry.getValue().asText().strip());
                    }
                }
            }
            return config;
        }

        /** Jackson quotes the offending token, which may be an unquoted API key: keep only its start. */
        private static String maskTokens(String message) {
            return QUOTED_TOKEN.matcher(message).replaceAll(m -> Matcher.quoteReplacement(
                    "'" + m.group(1).substring(0, 2) + "...'"));
        }

        private static String stringField(Path path, JsonNode root, String key) throws LlmException {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw configError(path, "\"" + key + "\" must be a string, got " + value.getNodeType()
                        .toString().toLowerCase(Locale.ROOT));
            }
            return value.asText();
        }

        private static LlmException configError(Path path, String problem) {
            return new LlmException(LlmException.Kind.CONFIG, "Config file " + path + " is unusable: " + problem
                    + ". Fix or delete it.");
        }
    }
}
