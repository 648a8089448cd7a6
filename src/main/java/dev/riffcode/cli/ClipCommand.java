package dev.riffcode.cli;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.clip.ClipBackend;
import dev.riffcode.clip.ClipException;
import dev.riffcode.clip.ClipFiles;
import dev.riffcode.clip.ClipSettings;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.session.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riffcode clip "PROMPT" -o OUT.wav}: a whole clip from a diffusion backend, kept in the session. */
@Command(name = "clip", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {
            "Ask a diffusion backend for a whole clip (a styled beat, a choir swell, a real instrument) and save it.",
            "",
            "Backends: a Riffusion inference server (the open-source one, python -m riffusion.server; the default, "
                    + "at http://127.0.0.1:3013), or a text-to-audio model such as MusicGen behind the Hugging Face "
                    + "Inference protocol (--backend huggingface; its key from HF_TOKEN or --clip-api-key). Set them "
                    + "once in ~/.config/riffcode/config.json (clip_backend, clip_url, clip_model, api_keys) or with "
                    + "RIFFCODE_CLIP_BACKEND and RIFFCODE_CLIP_URL.",
            "",
            "Riffusion answers 5.11 s at a time; longer clips are made of segments that drift from the prompt (and "
                    + "seed) towards --to (and the next seed), joined with short crossfades. The clip joins the "
                    + "session as clip:NAME, with everything the backend sent; scripts play it with "
                    + "sample(\"clip:NAME\")."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode clip \"lo-fi phonk beat with vinyl crackle\" -o phonk.wav",
            "  ./riffcode clip \"a choir swell\" -o choir.wav --seconds 12 \\",
            "      --to \"a string orchestra swell\" --clip-url http://gpu-box:3013",
            "  ./riffcode clip \"funky bass groove\" -o bass.wav --backend huggingface",
            "",
            "Ctrl+C cancels (exit 130). Exit codes: 0 ok, 1 the backend failed (the message says what to do; nothing is written "
                    + "at OUT.wav), 2 wrong command line."})
final class ClipCommand implements Callable<Integer> {

    static final double MAX_SECONDS = 120;

    @Parameters(index = "0", paramLabel = "PROMPT", description = "what the clip should sound like")
    String prompt;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "the WAV file to write")
    Path output;

    @Option(names = "--backend", paramLabel = "NAME", description = "riffusion or huggingface (default: the config file's, else riffusion)")
    String backend;

    @Option(names = "--clip-url", paramLabel = "URL", description = "the backend's address, e.g. http://127.0.0.1:3013")
    String clipUrl;

    @Option(names = "--clip-model", paramLabel = "M", description = "the model (Hugging Face; default facebook/musicgen-small)")
    String clipModel;

    @Option(names = "--clip-api-key", paramLabel = "KEY", description = "key for this run's endpoint (prefer HF_TOKEN or api_keys in the config file)")
    String clipApiKey;

    @Option(names = "--clip-timeout", paramLabel = "S", defaultValue = "180", description = "longest wait for one answer in seconds (default ${DEFAULT-VALUE})")
    double clipTimeout;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5", description = "length of the clip (default ${DEFAULT-VALUE}, at most 120)")
    double seconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE}); the same seed and prompt give the same clip")
    long seed;

    @Option(names = "--to", paramLabel = "PROMPT", description = "Riffusion: a prompt that a long clip drifts towards")
    String endPrompt;

    @Option(names = "--name", paramLabel = "NAME", description = "the clip's name in the session (default: from the prompt)")
    String clipName;

    @Option(names = "--session", paramLabel = "NAME", description = "add to this session (a name or its unique part), or start one with this name")
    String sessionName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (prompt == null || prompt.isBlank()) {
            throw new ParameterException(spec.commandLine(), "the prompt is empty: say what the clip should sound "
                    + "like, e.g. ./riffcode clip \"a choir swell\" -o choir.wav");
        }
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be more than 0 and at most "
                    + (int) MAX_SECONDS + ", got " + seconds);
        }
        if (!(clipTimeout > 0 && clipTimeout <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--clip-timeout must be between 0 and 3600 seconds, got "
                    + clipTimeout);
        }
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            throw new ParameterException(spec.commandLine(), "the clip is written as WAV: name it OUT.wav");
        }
        ClipSettings settings;
        try {
            settings = ClipSettings.resolve(new ClipSettings.Flags(backend, clipUrl, clipModel, clipApiKey,
                    Duration.ofMillis(Math.round(clipTimeout * 1000))), System.getenv(),
                    LlmSettings.defaultConfigFile(System.getenv()));
        } catch (ClipException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String unwritable = OutputFiles.problemWith(output);
        if (unwritable != null) {
            System.err.println("riffcode: " + unwritable);
            return 1;
        }
        return run(settings, settings.backendClient());
    }

    /** Makes the clip with {@code client} (tests hand in one of their own). */
    int run(ClipSettings settings, ClipBackend client) throws IOException {
        SessionStore store = new SessionStore(SessionStore.defaultRoot());
        try (Session session = openSession(store)) {
            return makeClip(session, true, settings, client, new ClipBackend.Request(prompt, endPrompt, seconds, seed,
                    new ClipBackend.Cancel()), clipName, output, new Console(System.err));
        }
    }

    /**
     * Asks {@code client} for a clip, keeps it (or what arrived, and the error) in {@code session}, and writes it
     * whole to {@code output}. Ctrl+C cancels the wait. Shared with {@code generate}, which routes some prompts here.
     *
     * @param recordPrompt record the prompt as a step (the caller has not)
     * @param name         the clip's name in the session, or null to make one from the prompt
     * @return the exit code: 0, 1 when the backend failed or the output could not be written, 130 when cancelled
     */
    static int makeClip(Session session, boolean recordPrompt, ClipSettings settings, ClipBackend client,
            ClipBackend.Request request, String name, Path output, Console console) throws IOException {
        StatusLine status = new StatusLine();
        ClipBackend.Cancel cancel = request.cancel() != null ? request.cancel() : new ClipBackend.Cancel();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(5, TimeUnit.SECONDS); // let the command record the cancel and clean up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "riffcode-clip-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (recordPrompt) {
                session.prompt(request.prompt(), PromptMode.NEW, client.model() == null ? client.name()
                        : client.name() + " " + client.model(), client.endpoint());
            }
            console.info("Asking " + settings.describe() + " for " + fmt(request.seconds()) + " s"
                    + (settings.configured() ? "" : " (the default; set clip_url or --clip-url for another server)"));
            if (!settings.backend().equals(ClipSettings.RIFFUSION)) {
                console.info(settings.keyRoute());
            }
            console.info("Session: " + session.folder());
            Map<String, byte[]> parts = new LinkedHashMap<>();
            ClipBackend.Listener listener = new ClipBackend.Listener() {
                @Override
                public void status(String text, double fraction) {
                    status.show(text);
                }

                @Override
                public void part(String partName, byte[] data) {
                    parts.put(partName, data);
                }
            };
            String clipName = name != null && !name.isBlank() ? name : nameFrom(request.prompt());
            ClipBackend.Result result;
            long t0 = System.nanoTime();
            try {
                result = client.make(new ClipBackend.Request(request.prompt(), request.endPrompt(), request.seconds(),
                        request.seed(), cancel), listener);
            } catch (ClipException e) {
                status.end();
                if (!parts.isEmpty()) {
                    session.clip(clipName, client.name(), client.endpoint(), null, 0, 0, Double.NEGATIVE_INFINITY,
                            false, parts);
                }
                boolean cancelled = e.kind() == ClipException.Kind.CANCELLED;
                session.error("clip", cancelled ? "cancelled by the user" : e.getMessage());
                System.err.println("riffcode: " + (cancelled ? "cancelled" : e.getMessage()) + "; nothing was "
                        + "written at " + output + (parts.isEmpty() ? "" : " (what arrived is kept in session "
                        + session.name() + ")"));
                return cancelled ? 130 : 1;
            }
            status.end();
            AudioClip audio = result.audio();
            byte[] wav = WavWriter.toBytes(audio.channels(), audio.sampleRate(), WavFormat.PCM_16);
            double peak = Levels.peakDbfs(audio);
            Step.Clip step = session.clip(clipName, client.name(), client.endpoint(), wav, audio.durationSeconds(),
                    audio.sampleRate(), peak, true, parts);
            for (String note : result.notes()) {
                session.note("clip " + step.name() + ": " + note);
                console.info("note: " + note);
            }
            try {
                ClipFiles.writeAtomically(output, wav);
            } catch (IOException e) {
                String message = OutputFiles.explain(e, output);
                session.error("output", message);
                System.err.println("riffcode: " + message + "; nothing was left at " + output
                        + " (the clip is kept in session " + session.name() + " as clip:" + step.name() + ")");
                return 1;
            }
            console.info(String.format(Locale.ROOT, "wrote %s: %.2f s, %d Hz, %s, peak %.1f dBFS, in %.1f s",
                    output, audio.durationSeconds(), audio.sampleRate(), audio.channelCount() == 1 ? "mono" : "stereo",
                    peak, (System.nanoTime() - t0) / 1e9));
            console.info("In session " + session.name() + " as clip:" + step.name() + "; a script plays it with "
                    + "sample(\"clip:" + step.name() + "\")");
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down (Ctrl+C): the hook is running
            }
        }
    }

    private Session openSession(SessionStore store) throws IOException {
        if (sessionName != null) {
            try {
                return store.open(sessionName);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().contains("matches")) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                return store.create(sessionName);
            }
        }
        String title = prompt.strip().replaceAll("\\s+", " ");
        return store.create(title.length() > 40 ? title.substring(0, 40) : title);
    }

    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "the", "with", "and", "of", "in", "on", "for",
            "some", "to", "at", "by");

    /** A short name from the prompt's first words: "a lo-fi phonk beat with vinyl" → "lo-fi-phonk-beat". */
    static String nameFrom(String prompt) {
        StringBuilder name = new StringBuilder();
        int words = 0;
        for (String w : prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+")) {
            if (w.isEmpty() || SMALL_WORDS.contains(w)) {
                continue;
            }
            if (name.length() > 0) {
                name.append('-');
            }
            name.append(w);
            if (++words == 4) {
                break;
            }
        }
        return name.length() == 0 ? "clip" : name.toString();
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.2f", s);
    }

    /** One status line on stderr: rewritten in place on a terminal, else printed when it changes (at most every 5 s). */
    static final class StatusLine {
        private final boolean interactive = System.console() != null;
        private String last = "";
        private String lastStage = "";
        private long lastPrinted;
        private int width;

        synchronized void show(String text) {
            if (text.equals(last)) {
                return;
            }
            last = text;
            if (interactive) {
                String line = text.length() > 78 ? text.substring(0, 78) : text;
                System.err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
                System.err.flush();
                width = line.length();
                return;
            }
            String stage = text.replaceAll("\\(\\d+ s\\)|\\d+ s$", "").strip();
            long now = System.nanoTime();
            if (!stage.equals(lastStage) || now - lastPrinted > 5_000_000_000L) {
                System.err.println(text);
                lastStage = stage;
                lastPrinted = now;
            }
        }

        synchronized void end() {
            if (interactive && width > 0) {
                System.err.print("\r" + " ".repeat(width) + "\r");
                System.err.flush();
                width = 0;
            }
        }
    }
}
