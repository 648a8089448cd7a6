package dev.riffcode.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.FlacReader;
import dev.riffcode.audio.WavReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text-to-audio model (MusicGen by default) behind the Hugging Face Inference protocol.
 *
 * <p>Protocol: {@code POST {base}/models/{model}} with {@code {"inputs": PROMPT, "parameters": {...}}} and the key as
 * a bearer token; the answer is the audio itself (WAV is asked for with {@code Accept: audio/wav}, but the service
 * often answers FLAC ({@code audio/flac}, decoded with JFLAC, the decoder of FLAC sample files) and MP3 is understood
 * too). While the model loads the server answers 503 with {@code {"error": ..., "estimated_time": S}}: the client
 * waits that long (within its timeout) and asks again. MusicGen makes 50 tokens a second, so the length is asked
 * for as {@code max_new_tokens}; the clip is cut to the length wanted.
 */
public final class HuggingFaceBackend implements ClipBackend {

    /** Hugging Face's serverless inference. */
    public static final String DEFAULT_URL = "https://router.huggingface.co/hf-inference";
    /** A small MusicGen. */
    public static final String DEFAULT_MODEL = "facebook/musicgen-small";
    /** MusicGen's token rate. */
    static final double TOKENS_PER_SECOND = 50;
    /** Longest single wait for a loading model before asking again. */
    static final double MAX_LOADING_WAIT = 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String model;
    private final String apiKey;
    private final ClipHttp http;

    /**
     * @param apiKey sent as a bearer token to {@code baseUrl} only, or null
     */
    public HuggingFaceBackend(String baseUrl, String model, String apiKey, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.model = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
        this.apiKey = apiKey;
        this.http = new ClipHttp(timeout, "the Hugging Face endpoint at " + this.baseUrl,
                "Check the network and --clip-url (or clip_url in the config file)");
    }

    @Override
    public String name() {
        return "huggingface";
    }

    @Override
    public String endpoint() {
        return baseUrl;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Result make(Request request, Listener listener) throws ClipException {
        ObjectNode root = JSON.createObjectNode();
        root.put("inputs", request.prompt());
        ObjectNode parameters = root.putObject("parameters");
        parameters.put("max_new_tokens", (int) Math.ceil(request.seconds() * TOKENS_PER_SECOND));
        parameters.put("do_sample", true);
        parameters.put("seed", request.seed());
        HttpRequest.Builder builder = ClipHttp.request(URI.create(baseUrl + "/models/" + model), http.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "audio/wav, audio/flac;q=0.9, audio/mpeg;q=0.8, */*;q=0.1")
                .POST(HttpRequest.BodyPublishers.ofString(root.toString()));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest post = builder.build();
        listener.part("request.json", root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + http.timeout().toNanos();
        List<String> notes = new ArrayList<>();
        int attempt = 0;
        while (true) {
            attempt++;
            String label = attempt == 1 ? "waiting for " + model : "asking " + model + " again";
            listener.status(label, 0);
            HttpResponse<byte[]> response = http.send(post, request.cancel(),
                    s -> listener.status(String.format(Locale.ROOT, "%s (%d s)", label, s), 0));
            byte[] body = response.body() == null ? new byte[0] : response.body();
            int status = response.statusCode();
            if (status == 503) {
                Double estimate = estimatedTime(body);
                long left = deadline - System.nanoTime();
                if (estimate != null && left > 0) {
                    double wait = Math.min(Math.min(estimate, MAX_LOADING_WAIT), left / 1e9);
                    notes.add(String.format(Locale.ROOT, "the model was loading; waited %.0f s", wait));
                    sleep(wait, request.cancel(), listener, model);
                    continue;
                }
                listener.part("answer-" + attempt + ".txt", body);
                throw new ClipException(estimate != null ? ClipException.Kind.LOADING : ClipException.Kind.HTTP,
                        estimate != null ? model + " is still loading at " + baseUrl + " (about "
                                + Math.round(estimate) + " s more); try again in a minute, or allow longer with "
                                + "--clip-timeout" : "the Hugging Face endpoint is unavailable (HTTP 503: "
                                + ClipHttp.quote(body) + "); try again later");
            }
            if (status != 200) {
                listener.part("answer-" + attempt + ".txt", body);
                throw httpError(status, body);
            }
            String ext = Mp3.looksLikeMp3(body) ? ".mp3" : isWav(body) ? ".wav" : FlacReader.looksLikeFlac(body) ? ".flac" : ".bin";
            listener.part("answer" + ext, body);
            AudioClip audio = decode(body);
            int wanted = (int) Math.round(request.seconds() * audio.sampleRate());
            if (audio.frames() > wanted) {
                float[][] cut = new float[audio.channelCount()][];
                for (int c = 0; c < cut.length; c++) {
                    cut[c] = java.util.Arrays.copyOf(audio.channels()[c], wanted);
                }
                RiffusionBackend.fadeOut(cut, Math.min(wanted, audio.sampleRate() / 50));
                audio = new AudioClip(audio.sampleRate(), cut);
            }
            return new Result(audio, notes);
        }
    }

    private ClipException httpError(int status, byte[] body) {
        String todo = switch (status) {
            case 401, 403 -> "The key was refused: set a valid token (HF_TOKEN, or --clip-api-key) with permission "
                    + "to call Inference Providers.";
            case 404 -> "No model " + model + " there: check --clip-model and --clip-url.";
            case 429 -> "Too many requests or the free quota is used up: wait, or use another key.";
            default -> status / 100 == 5 ? "The service failed; try again later." : "Check --clip-model.";
        };
        return new ClipException(ClipException.Kind.HTTP, "the Hugging Face endpoint at " + baseUrl
                + " answered HTTP " + status + " (" + ClipHttp.quote(body) + "). " + todo);
    }

    private static Double estimatedTime(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode t = root == null ? null : root.get("estimated_time");
            return t != null && t.isNumber() && t.asDouble() >= 0 ? t.asDouble() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(double seconds, Cancel cancel, Listener listener, String model) throws ClipException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (cancel != null) {
                cancel.check();
            }
            listener.status(String.format(Locale.ROOT, "%s is loading; asking again in %d s", model,
                    Math.max(1, (end - System.nanoTime()) / 1_000_000_000L)), 0);
            try {
                Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClipException(ClipException.Kind.CANCELLED, "cancelled");
            }
        }
    }

    private static boolean isWav(byte[] b) {
        return b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F';
    }

    /** WAV, FLAC or MP3 audio; anything else is refused with a message. */
    static AudioClip decode(byte[] body) throws ClipException {
        if (isWav(body)) {
            try {
                return WavReader.read(body);
            } catch (IOException e) {
                throw new ClipException(ClipException.Kind.BAD_AUDIO, "the WAV answer does not decode ("
                        + e.getMessage() + ")");
            }
        }
        if (Mp3.looksLikeMp3(body)) {
            return Mp3.decode(body);
        }
        if (FlacReader.looksLikeFlac(body)) {
            try {
                return FlacReader.read(body);
            } catch (IOException e) {
                throw new ClipException(ClipException.Kind.BAD_AUDIO, "the FLAC answer does not decode ("
                        + e.getMessage() + "); the answer is kept in the session");
            }
        }
        throw new ClipException(ClipException.Kind.BAD_AUDIO, "the answer is not audio: " + ClipHttp.quote(body));
    }
}
