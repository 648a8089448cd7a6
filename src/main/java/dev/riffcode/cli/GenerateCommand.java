package dev.riffcode.cli;

import dev.riffcode.api.ApiReference;
import dev.riffcode.audio.WavReader;
import dev.riffcode.clip.ClipBackend;
import dev.riffcode.clip.ClipException;
import dev.riffcode.clip.ClipRouting;
import dev.riffcode.clip.ClipSettings;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.LoudnessNormalizer;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.llm.ChatModel;
import dev.riffcode.llm.Generator;
import dev.riffcode.llm.LlmException;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.OpenAiChatModel;
import dev.riffcode.llm.PromptBuilder;
import dev.riffcode.llm.SessionRecorder;
import dev.riffcode.llm.Templates;
import dev.riffcode.llm.offline.AskCheck;
import dev.riffcode.llm.offline.OfflineComposer;
import dev.riffcode.llm.offline.OfflineModel;
import dev.riffcode.llm.offline.PromptFeatures;
import dev.riffcode.picture.Picture;
import dev.riffcode.picture.PictureException;
import dev.riffcode.picture.PictureFeatures;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.runtime.ScriptRunner;
import dev.riffcode.serve.ServiceClient;
import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riffcode generate "PROMPT" -o OUT.wav}: a prompt becomes a checked script and its sound. */
@Command(name = "generate", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {
            "Turn a prompt into a Riffcode script, check it in the sandbox, and render it.",
            "",
            "With an endpoint configured (OPENAI_API_KEY, OPENAI_BASE_URL, --base-url, or "
                    + "~/.config/riffcode/config.json) an LLM writes the script and its answer streams here. Without "
                    + "one, the offline generator writes it from the templates. Code that fails, or that plays notes "
                    + "the prompt does not allow, goes back to the model for a repair.",
            "",
            "Prompts may be in English or Spanish (\"una melodía triste en La menor\", \"un vals en 3/4\"). After the "
                    + "render Riffcode says what it heard (tempo, notes and key, loudness, brightness, stereo width, "
                    + "onsets, silences; --no-report skips it) and checks each ask of the prompt against it (✓/✗: "
                    + "tempo, notes or key, length, dark/bright, slow/fast, sparse/busy, a bar in three). The report "
                    + "is kept in the session as vN.report.json. A tempo asked in bpm and heard otherwise (beyond ±3 %; "
                    + "half or double time is accepted and labelled) goes back for repair, like wrong notes.",
            "",
            "-n N makes N candidates (distinct seeds offline, separate requests to a model), hears each, sets aside one "
                    + "closer than 0.12 in variation distance (notes, tempo, brightness, onset density, loudness, width; "
                    + "0..1) to one already kept and makes another (at most N extra), prints the distances, and writes "
                    + "OUT-1.wav ... OUT-N.wav with their scripts; --pick K writes only variation K as OUT.wav. Every "
                    + "candidate is kept in the session. With --loudness every candidate is rendered at that loudness "
                    + "(so loudness no longer tells them apart); -n does not combine with --clip (a clip is a finished "
                    + "recording, not code: run ./riffcode clip once per seed).",
            "",
            "--image PICTURE.png|jpg composes from a picture (PNG or JPEG, at most 20 MB; the prompt's words are then "
                    + "optional). A model gets the picture beside the text, scaled to at most 1024 pixels, and is asked "
                    + "for what it evokes (use a vision model). Offline, the picture's brightness, saturation, dominant "
                    + "hue, contrast and edges become the tempo, the mode, the register and timbre and the density, and "
                    + "the mapping is printed; words in the prompt win where they say otherwise. The picture is kept in "
                    + "the session. --image runs here, never on a running service, and does not combine with --edit or "
                    + "--clip.",
            "",
            "Prompts that ask for a voice, a real instrument, a recorded texture or a whole track go to the clip "
                    + "backend instead when one is configured (see ./riffcode help clip), and so does a prompt whose "
                    + "code fails for good; --clip and --code force either way. The decision and its reason are "
                    + "printed and kept in the session.",
            "",
            "The script is saved next to OUT.wav (OUT.py), and every step is kept in sessions/."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode generate \"a folk tune that only uses A, B, C#, F# and G\" \\",
            "      -o folk.wav",
            "  ./riffcode generate \"dark techno at 128 bpm\" -o techno.wav \\",
            "      --model gpt-4.1-mini",
            "  ./riffcode generate \"make the bass darker, double the tempo\" \\",
            "      --edit techno.py -o faster.wav",
            "  ./riffcode generate --image sunset.jpg -o sunset.wav",
            "  ./riffcode generate --image city.png \"with a walking bass\" -o city.wav",
            "  ./riffcode generate -n 4 \"dark techno at 128 bpm\" -o techno.wav",
            "      (techno-1.wav ... techno-4.wav; add --pick 2 for only the second)",
            "  ./riffcode generate \"a lo-fi beat\" -o lofi.wav \\",
            "      --stems lofi-stems --midi lofi.mid",
            "      (one WAV per part and the notes for a DAW; both kept in the session)",
            "  ./riffcode generate \"an ambient pad in D dorian\" -o pad.wav \\",
            "      --base-url http://localhost:11434/v1 --model llama3.2",
            "",
            "Exit codes: 0 ok, 1 the model failed or no version passed (the last one is still saved), 2 wrong "
                    + "command line."})
final class GenerateCommand implements Callable<Integer> {

    static final int MAX_PROMPT_CHARS = Generator.MAX_PROMPT_CHARS;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "what you want to hear (optional with --image)")
    String prompt;

    @Option(names = "--image", paramLabel = "PICTURE", description = {"compose from this picture (PNG or JPEG, at most "
            + "20 MB): a model sees it, the offline generator maps its brightness, colour, contrast and edges to "
            + "tempo, mode, register, timbre and density; runs here, not on a service"})
    Path image;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "the WAV file to write (the script goes to OUT.py)")
    Path output;

    @Option(names = "--edit", paramLabel = "SCRIPT.py", description = "change this script instead of writing a new one")
    Path edit;

    @Option(names = "--model", paramLabel = "M", description = "model name (else RIFFCODE_MODEL, the config file, or the server's only model)")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = {"an OpenAI-compatible endpoint, e.g. Ollama's:", "http://localhost:11434/v1"})
    String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key for this run's endpoint (prefer OPENAI_API_KEY, which is sent only to OpenAI or to OPENAI_BASE_URL)")
    String apiKey;

    @Option(names = "--offline", description = "use the offline generator even when a model is configured")
    boolean offline;

    @Option(names = "--session", paramLabel = "NAME", description = "add to this session (a name or its unique part), or start one with this name")
    String sessionName;

    @Option(names = "--seed", paramLabel = "N", description = "seed for the offline generator (default: one derived from the prompt)")
    Long seed;

    @Option(names = "--repairs", paramLabel = "N", defaultValue = "2", description = "how many times failing code goes back for repair (default ${DEFAULT-VALUE})")
    int repairs;

    @Option(names = "--llm-timeout", paramLabel = "S", description = "seconds of silence from the model before giving up (default 120)")
    Double llmTimeout;

    @Option(names = "--clip", description = "send the prompt to the clip backend (see ./riffcode help clip) instead of writing code")
    boolean forceClip;

    @Option(names = "--code", description = "write synthesis code even when the prompt asks for a voice, a real instrument or a whole track")
    boolean forceCode;

    @Option(names = "--clip-url", paramLabel = "URL", description = "the clip backend's address (else the config file's clip_url)")
    String clipUrl;

    @Option(names = "--no-service", description = "run here even when a warm service (./riffcode serve) is running")
    boolean noService;

    @Option(names = {"-n", "--variations"}, paramLabel = "N", description = {"make N candidates that sound different "
            + "(2-8): distinct seeds offline, separate requests to a model; each is heard, one too close to one already "
            + "kept is replaced, and they are written as OUT-1.wav ... OUT-N.wav with their scripts"})
    Integer variations;

    @Option(names = "--pick", paramLabel = "K", description = "with -n: write only variation K, as OUT.wav and OUT.py (all are kept in the session)")
    Integer pick;

    @picocli.CommandLine.Mixin
    RenderFlags render;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RenderOptions options = render.options(spec);
        Double loudness = render.loudness(spec);
        if ((prompt == null || prompt.isBlank()) && image == null) {
            throw new ParameterException(spec.commandLine(), "the prompt is empty: say what you want to hear, e.g. "
                    + "./riffcode generate \"a slow blues in E\" -o blues.wav (or give a picture with --image)");
        }
        if (prompt == null) {
            prompt = "";
        }
        if (image != null && (edit != null || forceClip)) {
            throw new ParameterException(spec.commandLine(), "--image makes a new piece from a picture; it does not "
                    + "combine with " + (edit != null ? "--edit" : "--clip") + " (give one or the other)");
        }
        if (repairs < 0 || repairs > 10) {
            throw new ParameterException(spec.commandLine(), "--repairs must be 0..10, got " + repairs);
        }
        if (variations != null && (variations < 2 || variations > 8)) {
            throw new ParameterException(spec.commandLine(), "-n must be 2..8, got " + variations);
        }
        if (pick != null && (variations == null || pick < 1 || pick > variations)) {
            throw new ParameterException(spec.commandLine(), variations == null
                    ? "--pick chooses one of the variations: give -n too, e.g. -n 4 --pick 2"
                    : "--pick must be 1.." + variations + ", got " + pick);
        }
        if (variations != null && forceClip) {
            // A clip is a finished recording from the backend: there is no code to vary, check or hear apart.
            throw new ParameterException(spec.commandLine(), "-n makes variations of code, and --clip asks the clip "
                    + "backend for a finished recording instead; for several clips run ./riffcode clip \"PROMPT\" "
                    + "-o OUT-K.wav --seed K once per seed");
        }
        render.checkExports(spec, loudness);
        if (variations != null && render.exports()) {
            throw new ParameterException(spec.commandLine(), "--stems and --midi do not combine with -n yet; pick a "
                    + "variation, then render its script: ./riffcode render OUT-K.py -o OUT.wav --stems DIR --midi OUT.mid");
        }
        String current = edit == null ? null : CliOptions.readScript(spec, edit);
        Picture picture = null;
        if (image != null) {
            try {
                picture = Picture.read(image);
            } catch (PictureException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        String unwritable = OutputFiles.problemWith(output);
        if (unwritable != null) {
            System.err.println("riffcode: " + unwritable);
            return 1;
        }
        Console console = new Console(System.err);
        Templates templates = Templates.locate();
        Generator.Request request = current == null ? Generator.Request.create(prompt, picture)
                : Generator.Request.edit(prompt, current);

        LlmSettings settings;
        try {
            settings = LlmSettings.resolve(new LlmSettings.Flags(baseUrl, apiKey, model,
                    llmTimeout == null ? null : Duration.ofMillis(Math.round(llmTimeout * 1000)), null),
                    System.getenv(), LlmSettings.defaultConfigFile(System.getenv()));
        } catch (LlmException e) {
            System.err.println("riffcode: " + e.getMessage());
            return 2;
        }
        boolean useOffline = offline || !settings.isConfigured();
        long offlineSeed = seed != null ? seed : OfflineModel.seedFor(prompt, picture);
        PictureFeatures looks = picture == null ? null : picture.features();
        String modelName = useOffline ? OfflineComposer.MODEL_NAME : settings.model() == null ? "(server default)" : settings.model();
        String endpoint = useOffline ? "offline" : settings.baseUrl();

        if (forceClip && forceCode) {
            throw new ParameterException(spec.commandLine(), "--clip and --code contradict each other: give one");
        }
        ClipSettings clipSettings;
        try {
            clipSettings = ClipSettings.resolve(new ClipSettings.Flags(null, clipUrl, null, null, null),
                    System.getenv(), LlmSettings.defaultConfigFile(System.getenv()));
        } catch (ClipException e) {
            System.err.println("riffcode: " + e.getMessage());
            return 2;
        }
        // A picture is composed from in code: the clip backends take words only.
        ClipRouting.Decision route = ClipRouting.decide(prompt, current != null, forceClip, forceCode || picture != null,
                clipSettings.configured());
        if (route.clip() && render.exports()) {
            throw new ParameterException(spec.commandLine(), "this prompt goes to the clip backend (" + route.reason()
                    + "), and a clip is audio without parts or notes: give --code to write code, whose parts --stems "
                    + "and --midi can write");
        }
        if (route.clip() && !output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav")) {
            throw new ParameterException(spec.commandLine(), "a clip is written as WAV: name the output OUT.wav");
        }

        SessionStore store = new SessionStore(SessionStore.defaultRoot());
        String runsHere = whyNotOnService(apiKey != null, loudness != null, variations != null, route.clip(),
                picture != null, render.exports(), !options.samples().isEmpty());
        if (ServiceRuns.allowed(noService, System.getenv())) {
            ServiceClient client = ServiceClient.discover(System.getenv(), System.err::println);
            if (client != null && runsHere != null) {
                console.info("riffcode: running here, not on the service at " + client.entry().url() + ": " + runsHere);
            } else if (client != null) {
                Integer exit = viaService(client, store, current, useOffline, endpoint, options, console);
                if (exit != null) {
                    return exit;
                }
            }
        }
        try (Session session = openSession(store, console)) {
            boolean wantsClip = picture == null && ClipRouting.whyClip(prompt) != null;
            if (route.clip() && variations != null) {
                System.err.println("riffcode: -n makes variations of code, and this prompt goes to the clip backend ("
                        + route.reason() + "); give --code to write code");
                return 2;
            }
            if (route.clip()) {
                String message = "Making a clip instead of code: " + route.reason();
                console.info(message);
                session.note("route: clip; " + route.reason());
                return clip(session, clipSettings, console);
            }
            if (wantsClip && !forceCode && current == null) {
                // Say what would have happened, and how to make it happen.
                console.info("Writing code: " + route.reason() + ". With a backend (a Riffusion server: clip_url in "
                        + LlmSettings.defaultConfigFile(System.getenv()) + ", or --clip-url) this prompt would become a "
                        + "clip; see ./riffcode help clip");
                session.note("route: code; " + route.reason());
            } else if (forceCode) {
                session.note("route: code; --code was given");
            }
            session.prompt(prompt, current == null ? PromptMode.NEW : PromptMode.EDIT, modelName, endpoint);
            if (picture != null) {
                session.image(picture.original(), picture.format().extension(), picture.name(), picture.width(),
                        picture.height(), picture.features().describe());
                console.info("Picture " + picture + ": " + picture.features().describe()
                        + (useOffline ? "" : "; the model gets it at " + picture.modelSize() + " pixels"));
            }
            if (useOffline) {
                // An ask the offline generator cannot honour is said, and kept, never changed in silence.
                for (String unmet : PromptFeatures.read(prompt, offlineSeed, looks).unmet()) {
                    console.info("note: " + unmet);
                    session.note("cannot be honoured: " + unmet);
                }
            }
            Integer imported = current == null ? null : session.codeVersion(current, Origin.IMPORT, null);
            if (prompt.length() > MAX_PROMPT_CHARS) {
                String message = "the prompt is " + prompt.length() + " characters; the limit is " + MAX_PROMPT_CHARS
                        + ". Shorten it (the whole prompt is kept in session " + session.name() + ")";
                session.error("input", message);
                System.err.println("riffcode: " + message);
                return 1;
            }
            console.info(useOffline
                    ? "Offline generator (no model configured; set OPENAI_API_KEY, or --base-url for a local server, to use an LLM)"
                    : "Asking " + modelName + " at " + endpoint);
            if (!offline && (!useOffline || settings.keyRoute().contains(" is only sent to "))) {
                console.info(settings.keyRoute());
            }
            console.info("Session: " + session.folder());

            try (Studio studio = new Studio(new ScriptRunner(), new PipesBackend());
                    Closer closer = new Closer()) {
                ChatModel chat = useOffline ? new OfflineModel(templates, request, offlineSeed)
                        : closer.add(OpenAiChatModel.create(settings));
                // Start the sandbox while the model thinks: its cold start then costs nothing.
                Thread warm = new Thread(() -> {
                    try {
                        studio.runner().warmUp();
                    } catch (IOException e) {
                        // the first run reports it
                    }
                }, "riffcode-warm-up");
                warm.setDaemon(true);
                warm.start();
                // The offline generator reads the request, not the prompt text: no reference needed.
                PromptBuilder prompts = new PromptBuilder(templates, useOffline ? () -> "" : () -> {
                    try {
                        return ApiReference.userCache().get(studio.runner()) + options.samples().promptNote(300);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (variations != null) {
                    Variations.Maker maker = new Variations.Maker() {
                        @Override
                        public ChatModel model(long candidateSeed) {
                            return useOffline ? new OfflineModel(templates, request, candidateSeed) : chat;
                        }

                        @Override
                        public Generator generator(ChatModel candidateModel, String name) {
                            return new Generator(studio, prompts, candidateModel, repairs, name, options);
                        }

                        @Override
                        public SessionRecorder recorder() {
                            return new SessionRecorder(session, useOffline, imported, new TerminalDisplay(System.out));
                        }
                    };
                    return new Variations(session, studio, options, console, output, loudness).run(request, variations, pick,
                            useOffline ? offlineSeed : null, maker);
                }
                Generator generator = new Generator(studio, prompts, chat, repairs, scriptName(), options);
                SessionRecorder listener = new SessionRecorder(session, useOffline, imported, new TerminalDisplay(System.out));
                Generator.Result result = generator.generate(request, listener);
                System.out.println();
                Path script = scriptPath();
                try {
                    if (result.code() != null) {
                        writeScript(script, result.code());
                    }
                } catch (IOException e) {
                    return writeFailed(session, listener, e, script);
                }
                if (!result.ok() && clipSettings.configured() && !forceCode && current == null) {
                    System.err.println("riffcode: " + result.failure());
                    String reason = "code generation failed for good";
                    console.info("Making a clip instead: " + reason);
                    session.note("route: clip; " + reason);
                    return clip(session, clipSettings, console);
                }
                if (!result.ok()) {
                    System.err.println("riffcode: " + result.failure());
                    if (result.code() != null) {
                        System.err.println("The last version is saved as " + script + "; fix it and run ./riffcode render "
                                + script + " -o " + output);
                    }
                    return 1;
                }
                long t0 = System.nanoTime();
                Studio.Outcome out;
                LoudnessNormalizer.Result normalized = null;
                try {
                    if (loudness != null) {
                        Studio.Normalized n = studio.renderToWavAtLoudness(scriptName(), result.code(), options, output,
                                loudness);
                        out = n.outcome();
                        normalized = n.loudness();
                    } else {
                        out = studio.renderToWav(scriptName(), result.code(), options, output,
                                f -> console.progress("rendering", f));
                    }
                } catch (IOException e) {
                    return writeFailed(session, listener, e, output);
                }
                double renderMs = (System.nanoTime() - t0) / 1e6;
                if (!out.ok()) {
                    session.error("render", out.error().format(), listener.lastVersion());
                    System.err.println(out.error().format());
                    return 1;
                }
                var r = out.render();
                if (normalized != null) {
                    session.note(normalized.describe());
                    console.info(normalized.describe());
                }
                HearingReport heard = render.noReport ? null : studio.hear(WavReader.read(output), out.score(), options);
                session.render(listener.lastVersion(), Files.readAllBytes(output), r.seconds(), r.sampleRate(), r.peakDbfs(),
                        heard == null ? null : ReportJson.bytes(heard));
                Exports.Written exported = Exports.write(studio, render, out.score(), options, r.frames(), console);
                if (exported.midi() != null) {
                    session.midi(listener.lastVersion(), exported.midi());
                }
                if (!exported.stems().isEmpty()) {
                    session.stems(listener.lastVersion(), exported.stems());
                }
                if (exported.error() != null) {
                    session.error("output", exported.error(), listener.lastVersion());
                    return 1;
                }
                if (heard != null) {
                    HearingOutput.print(console, heard);
                    List<String> asks = new ArrayList<>();
                    for (AskCheck.Result ask : AskCheck.check(PromptFeatures.read(prompt, offlineSeed, looks), heard, useOffline)) {
                        asks.add(ask.line());
                    }
                    if (!asks.isEmpty()) {
                        console.info("Asked and heard:");
                        asks.forEach(line -> console.info("  " + line));
                        session.note("asked and heard:\n" + String.join("\n", asks));
                    }
                }
                var t = result.timings();
                console.info(String.format("wrote %s and %s: %.1f s, peak %.1f dBFS (version %d of session %s)",
                        script, output, r.seconds(), r.peakDbfs(), listener.lastVersion(), session.name()));
                console.info(String.format("time: model %.0f ms; Riffcode extraction %.1f ms + validation %.0f ms + render %.0f ms",
                        t.modelMillis(), t.extractMillis(), t.validateMillis(), renderMs));
                return 0;
            }
        }
    }

    /**
     * Why a running service cannot do this job (it then runs here), or null when it can: a key of this run's own
     * (keys never go to the service), --loudness and -n (made here), a clip (from this machine's clip settings), a
     * picture (the service's generate takes none), sample folders (read here; the service plays the built-in ones).
     */
    static String whyNotOnService(boolean ownKey, boolean loudness, boolean variations, boolean clip, boolean picture,
            boolean exports, boolean sampleFolders) {
        return ownKey ? "this run has its own --api-key, and keys are never sent to the service"
                : picture ? "--image is made here (the service takes no pictures)"
                : variations ? "-n is made here"
                : clip ? "clips are made here, from this machine's clip settings"
                : ServiceRuns.whyHere(loudness, exports, sampleFolders);
    }

    /** The prompt as a clip from the configured backend, written to OUT.wav and kept in the session. */
    private int clip(Session session, ClipSettings clipSettings, Console console) throws IOException {
        double seconds = render.seconds != null ? Math.min(render.seconds, 120) : 10;
        long clipSeed = seed != null ? seed : 42;
        return ClipCommand.makeClip(session, true, clipSettings, clipSettings.backendClient(),
                new ClipBackend.Request(prompt, null, seconds, clipSeed, new ClipBackend.Cancel()), null, output, console);
    }

    /**
     * The job on a running service: the same lines on the terminal, the same files, the same session steps (the
     * service records them in the same session folder). Null when the service cannot take it; it then runs here.
     */
    private Integer viaService(ServiceClient client, SessionStore store, String current, boolean useOffline,
            String endpoint, RenderOptions options, Console console) throws IOException {
        Path served = Path.of(client.entry().sessions());
        if (!served.equals(store.root())) {
            console.info("riffcode: the running service keeps its sessions in " + served + ", not in " + store.root()
                    + "; running here");
            return null;
        }
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("prompt", prompt);
        body.put("edit", current);
        body.put("model", model);
        body.put("offline", useOffline);
        body.put("seed", seed);
        body.put("repairs", repairs);
        body.put("session", sessionName);
        body.put("name", scriptName());
        body.put("llm_timeout", llmTimeout);
        body.put("endpoint", endpoint);
        body.putAll(ServiceRuns.fields(options));
        console.info("riffcode: generating on the service at " + client.entry().url() + " (--no-service runs it here)");
        var result = new java.util.concurrent.atomic.AtomicReference<java.util.Map<String, Object>>();
        String[] sessionSeen = new String[1];
        long waited = 0;
        while (true) {
            ServiceClient.Refusal refusal;
            try {
                refusal = client.generate(body, (event, data) -> {
                    switch (event) {
                        case "start" -> {
                            sessionSeen[0] = String.valueOf(data.get("session"));
                            console.info(Boolean.TRUE.equals(data.get("offline"))
                                    ? "Offline generator (no model configured; set OPENAI_API_KEY, or --base-url for a local server, to use an LLM)"
                                    : "Asking " + data.get("model") + " at " + data.get("endpoint"));
                            console.info("Session: " + served.resolve(sessionSeen[0]));
                        }
                        case "token" -> {
                            System.out.print(data.get("text"));
                            System.out.flush();
                        }
                        case "validation" -> {
                            Object problem = data.get("problem");
                            System.err.println(problem == null ? "\n\u2713 version " + data.get("version") + " runs and sounds right"
                                    : "\n\u2717 version " + data.get("version") + ": " + problem);
                        }
                        case "repair" -> System.err.println("  asking for a repair of version " + data.get("version") + "...");
                        case "result" -> result.set(data);
                        case "error" -> System.err.println("riffcode: " + data.get("message"));
                        default -> { }
                    }
                });
            } catch (ServiceClient.Unreachable e) {
                if (sessionSeen[0] == null) {
                    console.info("riffcode: " + e.getMessage() + "; running here");
                    return null;
                }
                System.err.println("riffcode: the service stopped answering (" + e.getMessage() + "); what it did is "
                        + "in session " + sessionSeen[0]);
                return 1;
            }
            if (refusal == null) {
                break;
            }
            switch (refusal.status()) {
                case 503 -> {
                    long wait = Math.max(1, Math.min(10, refusal.retryAfter())) * 1000;
                    if (waited + wait > ServiceRuns.BUSY_PATIENCE_MILLIS) {
                        console.info("riffcode: the service stayed busy; running here");
                        return null;
                    }
                    console.info("riffcode: " + refusal.message() + " (waiting " + wait / 1000 + " s)");
                    ServiceRuns.sleep(wait);
                    waited += wait;
                }
                case 409 -> {
                    if ("other_endpoint".equals(refusal.error())) {
                        console.info("riffcode: the service generates with " + refusal.body().get("endpoint")
                                + ", this command with " + endpoint + "; running here");
                        return null;
                    }
                    System.err.println("riffcode: " + refusal.message());
                    return 2;
                }
                case 400 -> {
                    System.err.println("riffcode: " + refusal.message());
                    return 2;
                }
                default -> {
                    System.err.println("riffcode: " + refusal.message());
                    return 1;
                }
            }
        }
        System.out.println();
        var r = result.get();
        if (r == null) {
            System.err.println("riffcode: the service's answer ended without a result; what it did is in session "
                    + sessionSeen[0]);
            return 1;
        }
        String name = String.valueOf(r.get("session"));
        Integer version = r.get("version") instanceof Number n ? n.intValue() : null;
        Path script = scriptPath();
        Object code = r.get("code");
        try {
            if (code != null) {
                writeScript(script, code.toString());
            }
        } catch (IOException e) {
            return recordOutputFailure(store, name, version, e, script);
        }
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            System.err.println(r.containsKey("error") ? String.valueOf(r.get("failure")) : "riffcode: " + r.get("failure"));
            if (code != null && !r.containsKey("error")) {
                System.err.println("The last version is saved as " + script + "; fix it and run ./riffcode render "
                        + script + " -o " + output);
            }
            return 1;
        }
        try {
            client.download(String.valueOf(r.get("wav")), output);
        } catch (IOException e) {
            return recordOutputFailure(store, name, version, e, output);
        }
        if (!render.noReport) {
            ServiceRuns.printHeard(r.get("heard"), output, System.err);
        }
        @SuppressWarnings("unchecked")
        var t = (java.util.Map<String, Object>) r.get("timings");
        console.info(String.format("wrote %s and %s: %.1f s, peak %.1f dBFS (version %d of session %s)",
                script, output, number(r.get("seconds")), r.get("peak_dbfs") == null ? Double.NEGATIVE_INFINITY
                        : number(r.get("peak_dbfs")), version, name));
        console.info(String.format("time: model %.0f ms; Riffcode extraction %.1f ms + validation %.0f ms + render %.0f ms",
                number(t.get("model_ms")), number(t.get("extract_ms")), number(t.get("validate_ms")),
                number(t.get("render_ms"))));
        return 0;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** As {@link #writeFailed}, for a job the service did: the failure goes into its session too. */
    private static int recordOutputFailure(SessionStore store, String sessionName, Integer version, IOException e,
            Path writing) throws IOException {
        String message = OutputFiles.explain(e, writing);
        try (Session session = store.open(sessionName)) {
            session.error("output", message, version);
        }
        System.err.println("riffcode: " + message + " (every version is kept in session " + sessionName + ")");
        return 1;
    }

    /** The code is safe in the session; only the user's copy could not be written. */
    private static int writeFailed(Session session, SessionRecorder listener, IOException e, Path writing)
            throws IOException {
        String message = OutputFiles.explain(e, writing);
        session.error("output", message, listener.lastVersion());
        System.err.println("riffcode: " + message + " (every version is kept in session " + session.name() + ")");
        return 1;
    }

    private Session openSession(SessionStore store, Console console) throws IOException {
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
        String title = (prompt.isBlank() && image != null ? "picture " + image.getFileName() : prompt.strip())
                .replaceAll("\\s+", " ");
        return store.create(title.length() > 40 ? title.substring(0, 40) : title);
    }

    private String scriptName() {
        return scriptPath().getFileName().toString();
    }

    /** OUT.wav → OUT.py, next to it. */
    private Path scriptPath() {
        return Variations.numbered(output, 0, ".py");
    }

    private static void writeScript(Path script, String code) throws IOException {
        Path tmp = Files.createTempFile(script.toAbsolutePath().getParent(), ".riffcode-", ".py.tmp");
        try {
            Files.writeString(tmp, code, StandardCharsets.UTF_8);
            Files.move(tmp, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Shows the generator's steps on the terminal: the model's answer as it streams, each check and repair. */
    static final class TerminalDisplay implements Generator.Listener {
        private final PrintStream out;

        TerminalDisplay(PrintStream out) {
            this.out = out;
        }

        @Override
        public void token(String token) {
            out.print(token);
            out.flush();
        }

        @Override
        public int code(String code, boolean repair, Integer parent) {
            return 0;
        }

        @Override
        public void validation(int version, ScriptError error, String soundProblem) {
            String problem = error != null ? error.format() : soundProblem;
            System.err.println(problem == null ? "\n✓ version " + version + " runs" + " and sounds right"
                    : "\n✗ version " + version + ": " + problem);
        }

        @Override
        public void repair(int version, String reason) {
            System.err.println("  asking for a repair of version " + version + "...");
        }
    }

    /** Closes what was opened, in reverse order. */
    private static final class Closer implements AutoCloseable {
        private final java.util.ArrayDeque<AutoCloseable> open = new java.util.ArrayDeque<>();

        <T extends AutoCloseable> T add(T c) {
            open.push(c);
            return c;
        }

        @Override
        public void close() throws Exception {
            while (!open.isEmpty()) {
                open.pop().close();
            }
        }
    }
}
