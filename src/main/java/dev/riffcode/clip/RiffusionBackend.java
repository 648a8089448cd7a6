package dev.riffcode.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Resampler;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A client of Riffusion's open-source inference server ({@code python -m riffusion.server}).
 *
 * <p>Protocol: {@code POST /run_inference/} with a JSON {@code InferenceInput}: {@code start} and {@code end} prompt
 * objects ({@code prompt}, {@code seed}, {@code denoising}, {@code guidance}), {@code alpha} (0 = start, 1 = end),
 * {@code num_inference_steps} and {@code seed_image_id}. The answer is a JSON {@code InferenceOutput}:
 * {@code image} (a {@code data:image/jpeg;base64,} spectrogram), {@code audio} (a {@code data:audio/mpeg;base64,}
 * MP3 of 5.11 s) and {@code duration_s}.
 *
 * <p>A clip longer than one answer is made of consecutive segments whose alpha walks from 0 to 1 (the start prompt
 * and seed drift towards the end prompt and seed + 1, as in Riffusion's own player), joined with short equal-power
 * crossfades. Each segment's audio is its MP3; when the MP3 does not decode, the spectrogram picture is turned into
 * sound here instead ({@link SpectrogramConverter}).
 */
public final class RiffusionBackend implements ClipBackend {

    /** Where {@code python -m riffusion.server} listens by default. */
    public static final String DEFAULT_URL = "http://127.0.0.1:3013";
    /** Riffusion's defaults. */
    public static final int DEFAULT_STEPS = 50;
    public static final double DENOISING = 0.75;
    public static final double GUIDANCE = 7.0;
    public static final String DEFAULT_SEED_IMAGE = "og_beat";
    /** Overlap of two segments, crossfaded. */
    public static final double CROSSFADE_SECONDS = 0.2;
    /** Length of one answer. */
    public static final double SEGMENT_SECONDS = SpectrogramParams.SEGMENT_SAMPLES / (double) SpectrogramParams.SAMPLE_RATE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final ClipHttp http;
    private final int steps;
    private final String seedImage;

    public RiffusionBackend(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, DEFAULT_STEPS, DEFAULT_SEED_IMAGE);
    }

    public RiffusionBackend(String baseUrl, Duration timeout, int steps, String seedImage) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.steps = steps;
        this.seedImage = seedImage;
        this.http = new ClipHttp(timeout, "the Riffusion server at " + this.baseUrl,
                "Start it (python -m riffusion.server --host 127.0.0.1 --port 3013) or give its address with "
                        + "--clip-url");
    }

    @Override
    public String name() {
        return "riffusion";
    }

    @Override
    public String endpoint() {
        return baseUrl;
    }

    @Override
    public String model() {
        return null;
    }

    /** How many segments a clip of {@code seconds} needs. */
    public static int segments(double seconds) {
        if (seconds <= SEGMENT_SECONDS) {
            return 1;
        }
        return (int) Math.ceil((seconds - CROSSFADE_SECONDS) / (SEGMENT_SECONDS - CROSSFADE_SECONDS) - 1e-9);
    }

    @Override
    public Result make(Request request, Listener listener) throws ClipException {
        int n = segments(request.seconds());
        List<float[][]> pieces = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (request.cancel() != null) {
                request.cancel().check();
            }
            double alpha = n == 1 ? 0 : i / (double) (n - 1);
            String label = n == 1 ? "" : "segment " + (i + 1) + "/" + n + ": ";
            double base = i / (double) n;
            listener.status(label + "waiting for the Riffusion server", base);
            final int segment = i;
            String json = body(request, alpha);
            listener.part("segment-" + (segment + 1) + "-request.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<byte[]> response = http.send(post(json), request.cancel(),
                    s -> listener.status(String.format(Locale.ROOT, "%swaiting for the Riffusion server (%d s)",
                            label, s), base));
            byte[] body = response.body();
            listener.part("segment-" + (segment + 1) + "-answer.json", body == null ? new byte[0] : body);
            if (response.statusCode() != 200) {
                throw httpError(response.statusCode(), body);
            }
            AudioClip audio = decodeAnswer(body, segment + 1, request, listener, notes);
            pieces.add(toStereo44k(audio));
        }
        listener.status("joining", 1.0);
        int overlap = (int) Math.round(CROSSFADE_SECONDS * SpectrogramParams.SAMPLE_RATE);
        float[][] joined = new float[2][];
        for (int c = 0; c < 2; c++) {
            List<float[]> channel = new ArrayList<>();
            for (float[][] p : pieces) {
                channel.add(p[c]);
            }
            joined[c] = Crossfade.join(channel, overlap);
        }
        int wanted = (int) Math.round(request.seconds() * SpectrogramParams.SAMPLE_RATE);
        if (joined[0].length > wanted) {
            for (int c = 0; c < 2; c++) {
                joined[c] = java.util.Arrays.copyOf(joined[c], wanted);
            }
            fadeOut(joined, Math.min(wanted, SpectrogramParams.SAMPLE_RATE / 50)); // 20 ms, no click at the cut
        }
        if (joined[0].length == 0) {
            throw new ClipException(ClipException.Kind.BAD_AUDIO, "the Riffusion server's audio was empty");
        }
        boolean mono = java.util.Arrays.equals(joined[0], joined[1]);
        float[][] channels = mono ? new float[][] {joined[0]} : joined;
        return new Result(new AudioClip(SpectrogramParams.SAMPLE_RATE, channels), notes);
    }

    private HttpRequest post(String json) {
        return ClipHttp.request(URI.create(baseUrl + "/run_inference/"), http.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** The {@code InferenceInput} of one segment. */
    String body(Request request, double alpha) {
        ObjectNode root = JSON.createObjectNode();
        root.set("start", promptNode(request.prompt(), request.seed()));
        String end = request.endPrompt() == null || request.endPrompt().isBlank() ? request.prompt()
                : request.endPrompt();
        root.set("end", promptNode(end, request.seed() + 1));
        root.put("alpha", alpha);
        root.put("num_inference_steps", steps);
        root.put("seed_image_id", seedImage);
        return root.toString();
    }

    private static ObjectNode promptNode(String prompt, long seed) {
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt", prompt);
        node.put("seed", seed);
        node.put("denoising", DENOISING);
        node.put("guidance", GUIDANCE);
        return node;
    }

    private ClipException httpError(int status, byte[] body) {
        String what = switch (status / 100) {
            case 4 -> "refused the request";
            case 5 -> "failed while making the clip";
            default -> "answered in an unexpected way";
        };
        String todo = status == 404 ? " Is " + baseUrl + " a Riffusion inference server? Check --clip-url."
                : status / 100 == 5 ? " Look at the server's log; a GPU out of memory or a missing seed image are "
                        + "common causes. Then try again."
                        : " Check the server's version and --clip-url.";
        return new ClipException(ClipException.Kind.HTTP, "the Riffusion server at " + baseUrl + " " + what
                + " (HTTP " + status + ": " + ClipHttp.quote(body) + ")." + todo);
    }

    private AudioClip decodeAnswer(byte[] body, int segment, Request request, Listener listener, List<String> notes)
            throws ClipException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw badAnswer("is not JSON: " + ClipHttp.quote(body));
        }
        if (root == null || !root.isObject()) {
            throw badAnswer("is not a JSON object: " + ClipHttp.quote(body));
        }
        byte[] image = null;
        String imageProblem = null;
        try {
            image = dataUrl(root, "image");
            listener.part("segment-" + segment + (Exif.isPng(image) ? ".png" : ".jpg"), image);
        } catch (ClipException e) {
            imageProblem = e.getMessage();
        }
        byte[] mp3;
        try {
            mp3 = dataUrl(root, "audio");
            listener.part("segment-" + segment + ".mp3", mp3);
            return Mp3.decode(mp3);
        } catch (ClipException audioProblem) {
            if (image == null) {
                throw new ClipException(ClipException.Kind.BAD_AUDIO, "segment " + segment
                        + " from the Riffusion server has no usable audio (" + audioProblem.getMessage()
                        + ") and no usable spectrogram (" + imageProblem + ")");
            }
            try {
                float[] samples = SpectrogramConverter.audioFromPicture(image, SpectrogramParams.GRIFFIN_LIM_ITERATIONS,
                        request.seed() + segment, null);
                notes.add("segment " + segment + ": its MP3 did not decode (" + audioProblem.getMessage()
                        + "); its spectrogram was turned into sound here instead");
                return AudioClip.mono(SpectrogramParams.SAMPLE_RATE, samples);
            } catch (ClipException pictureProblem) {
                throw new ClipException(ClipException.Kind.BAD_AUDIO, "segment " + segment
                        + " from the Riffusion server has no usable audio (" + audioProblem.getMessage()
                        + ") and its spectrogram does not decode either (" + pictureProblem.getMessage() + ")");
            }
        }
    }

    private ClipException badAnswer(String problem) {
        return new ClipException(ClipException.Kind.BAD_ANSWER, "the answer of " + baseUrl + "/run_inference/ "
                + problem + ". Is --clip-url a Riffusion inference server?");
    }

    /** The bytes of a {@code data:...;base64,} field (a bare base64 string is accepted too). */
    private static byte[] dataUrl(JsonNode root, String field) throws ClipException {
        ClipException.Kind kind = field.equals("image") ? ClipException.Kind.BAD_IMAGE : ClipException.Kind.BAD_AUDIO;
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new ClipException(kind, "the answer has no \"" + field + "\"");
        }
        String text = node.asText();
        int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
        String payload = (comma >= 0 ? text.substring(comma + 1) : text).replaceAll("\\s", "");
        try {
            byte[] bytes = Base64.getDecoder().decode(payload);
            if (bytes.length == 0) {
                throw new ClipException(kind, "the \"" + field + "\" is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new ClipException(kind, "the \"" + field + "\" is not valid base64 (" + e.getMessage() + ")");
        }
    }

    /** Two channels at 44.1 kHz. */
    static float[][] toStereo44k(AudioClip clip) {
        float[][] out = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] ch = clip.channels()[Math.min(c, clip.channelCount() - 1)];
            out[c] = clip.sampleRate() == SpectrogramParams.SAMPLE_RATE ? ch.clone()
                    : Resampler.resample(ch, clip.sampleRate(), SpectrogramParams.SAMPLE_RATE);
        }
        return out;
    }

    static void fadeOut(float[][] channels, int samples) {
        for (float[] ch : channels) {
            int n = ch.length;
            for (int i = 0; i < samples; i++) {
                ch[n - 1 - i] *= (float) i / samples;
            }
        }
    }
}
