package dev.riffcode.ui;

import dev.riffcode.api.ApiReference;
import dev.riffcode.llm.ChatModel;
import dev.riffcode.llm.ChatResult;
import dev.riffcode.llm.Generator;
import dev.riffcode.llm.LlmException;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.OpenAiChatModel;
import dev.riffcode.llm.PromptBuilder;
import dev.riffcode.llm.Templates;
import dev.riffcode.llm.offline.OfflineComposer;
import dev.riffcode.llm.offline.OfflineModel;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.session.Origin;
import dev.riffcode.session.PromptMode;
import dev.riffcode.session.Session;
import dev.riffcode.studio.RenderOptions;
import java.awt.BorderLayout;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * The prompt bar: Enter asks for a new piece, Shift+Enter for a change to the editor's code. The answer streams
 * into the preview; only a version that passed validation is offered, with its diff, and only Take puts it in the
 * editor (as one undoable edit) and plays it. Cancel stops a generation at once. Every step goes into the session.
 */
final class PromptControls {

    /** How long a prompt may be (as for {@code generate}). */
    static final int MAX_PROMPT_CHARS = 20_000;

    private final MainWindow window;
    private final PreviewPanel preview;
    private final JTextField prompt = new JTextField();
    private final JButton cancel = new JButton("Cancel");
    private final JLabel model = new JLabel();
    private final JPanel bar = new JPanel(new BorderLayout(6, 0));
    private Thread running;
    private int generations;

    PromptControls(MainWindow window, PreviewPanel preview) {
        this.window = window;
        this.preview = preview;
        prompt.setName("prompt");
        cancel.setName("cancel");
        model.setName("modelLabel");
        prompt.putClientProperty("JTextField.placeholderText",
                "Say what you want to hear: Enter for a new piece, Shift+Enter to change the code");
        prompt.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "riffcode-new");
        prompt.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, KeyEvent.SHIFT_DOWN_MASK), "riffcode-edit");
        prompt.getActionMap().put("riffcode-new", MainWindow.action("New piece", () -> ask(Generator.Mode.NEW)));
        prompt.getActionMap().put("riffcode-edit", MainWindow.action("Edit", () -> ask(Generator.Mode.EDIT)));
        prompt.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "riffcode-cancel");
        prompt.getActionMap().put("riffcode-cancel", MainWindow.action("Cancel", this::cancel));
        cancel.setEnabled(false);
        cancel.addActionListener(e -> cancel());
        JButton settings = new JButton("Model…");
        settings.setName("settingsButton");
        settings.addActionListener(e -> openSettings());
        JPanel right = new JPanel(new BorderLayout(6, 0));
        right.setOpaque(false);
        right.add(cancel, BorderLayout.WEST);
        right.add(model, BorderLayout.CENTER);
        right.add(settings, BorderLayout.EAST);
        bar.setOpaque(false);
        bar.add(prompt, BorderLayout.CENTER);
        bar.add(right, BorderLayout.EAST);
        window.menu("Settings").add(MainWindow.item("Model, endpoint and key…", null, this::openSettings));
        showModel();
    }

    JComponent component() {
        return bar;
    }

    JTextField field() {
        return prompt;
    }

    /** Says which generator a prompt goes to: the model and endpoint, or the offline generator. */
    void showModel() {
        try {
            LlmSettings s = settings();
            if (s.isConfigured()) {
                model.setText((s.model() == null ? "server's model" : s.model()) + " @ " + host(s.baseUrl()));
                model.setToolTipText(s.describe() + "; " + s.keyRoute());
            } else {
                model.setText("Offline generator (no model set)");
                model.setToolTipText("Set a model, endpoint and key in Settings to use an LLM");
            }
        } catch (LlmException e) {
            model.setText("Model settings unusable");
            model.setToolTipText(e.getMessage());
        }
    }

    String modelText() {
        return model.getText();
    }

    boolean generating() {
        return running != null;
    }

    private LlmSettings settings() throws LlmException {
        return LlmSettings.resolve(LlmSettings.Flags.none(), window.context.env(), window.context.configFile());
    }

    private void openSettings() {
        if (new SettingsDialog(window, window.context.configFile(), window.context.env()).ask()) {
            showModel();
            window.status.say("Model settings saved in " + window.context.configFile() + " (readable by you alone).");
        }
    }

    /** Starts a generation: a new piece, or a change to the editor's code. */
    void ask(Generator.Mode mode) {
        String text = prompt.getText().strip();
        if (running != null) {
            window.status.say("A generation is running; Cancel it first, or wait for it.");
            return;
        }
        if (text.isEmpty()) {
            window.status.say("Type what you want to hear in the prompt bar first.");
            return;
        }
        if (text.length() > MAX_PROMPT_CHARS) {
            window.status.say("The prompt is " + text.length() + " characters; the limit is " + MAX_PROMPT_CHARS
                    + ". Shorten it.");
            return;
        }
        LlmSettings settings;
        try {
            settings = settings();
        } catch (LlmException e) {
            window.status.say(e.getMessage());
            return;
        }
        String current = window.editor.text();
        Generator.Request request = mode == Generator.Mode.EDIT ? Generator.Request.edit(text, current)
                : Generator.Request.create(text);
        boolean offline = !settings.isConfigured();
        String who = offline ? "the offline generator" : (settings.model() == null ? "the server's model"
                : settings.model()) + " at " + settings.baseUrl();
        int mine = ++generations;
        preview.begin((mode == Generator.Mode.EDIT ? "Changing the code: " : "New piece: ") + "asking " + who + "…");
        window.showPreview();
        window.status.progress("generating", -1);
        window.status.say("Asking " + who + (offline ? " (no model set: Settings → Model)" : "") + "…");
        cancel.setEnabled(true);
        running = new Thread(() -> generate(mine, request, settings, offline, current), "riffcode-generate");
        running.setDaemon(true);
        running.start();
    }

    /** Stops the generation now: its thread is interrupted (which drops the stream) and its results are ignored. */
    void cancel() {
        Thread t = running;
        if (t == null) {
            return;
        }
        generations++;   // whatever it still reports belongs to a cancelled generation
        t.interrupt();
        finished();
        preview.clear("Cancelled; the editor is unchanged.");
        window.status.say("Generation cancelled. The editor and what plays are unchanged.");
    }

    private void finished() {
        running = null;
        cancel.setEnabled(false);
        window.status.done();
    }

    /** On the generation's thread. */
    private void generate(int mine, Generator.Request request, LlmSettings settings, boolean offline, String current) {
        ChatModel chat = null;
        try {
            Session session = window.session.get(title(request.prompt()));
            String modelName = offline ? OfflineComposer.MODEL_NAME : settings.model() == null ? "(server default)"
                    : settings.model();
            session.prompt(request.prompt(), request.mode() == Generator.Mode.EDIT ? PromptMode.EDIT : PromptMode.NEW,
                    modelName, offline ? "offline" : settings.baseUrl());
            Integer base = request.mode() == Generator.Mode.EDIT ? baseVersion(session, current) : null;
            Templates templates = Templates.locate();
            chat = offline ? new OfflineModel(templates, request, OfflineModel.seedFor(request.prompt()))
                    : OpenAiChatModel.create(settings);
            PromptBuilder prompts = new PromptBuilder(templates, offline ? () -> "" : () -> {
                try {
                    return ApiReference.userCache().get(window.studio.get().runner());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Generator generator = new Generator(window.studio.get(), prompts, chat, Generator.DEFAULT_MAX_REPAIRS,
                    window.playback == null ? "untitled.py" : scriptName(), RenderOptions.defaults());
            Steps steps = new Steps(mine, session, offline, base);
            Generator.Result result = generator.generate(request, steps);
            SwingUtilities.invokeLater(() -> done(mine, result, current));
        } catch (IOException | RuntimeException e) {
            String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            SwingUtilities.invokeLater(() -> failed(mine, "The generation failed: " + why));
        } finally {
            if (chat instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing the client's connections: nothing left to tell
                }
            }
        }
    }

    /** For an edit, the editor's code is the version it starts from: recorded as a manual one if it is new. */
    private static Integer baseVersion(Session session, String current) throws IOException {
        int latest = session.latestVersion();
        Optional<String> latestCode = session.latestCode();
        if (latestCode.isPresent() && latestCode.get().equals(current)) {
            return latest;
        }
        return session.codeVersion(current, Origin.MANUAL, latest == 0 ? null : latest);
    }

    private void done(int mine, Generator.Result result, String current) {
        if (mine != generations) {
            return;   // cancelled
        }
        finished();
        window.updateTitle();
        if (!result.ok()) {
            failed(mine, result.failure());
            return;
        }
        int version = result.last().map(Generator.Attempt::version).orElse(0);
        preview.propose("Version " + version + " passed validation", current, result.code(), this::take);
        window.status.say("Version " + version + " is ready: see what it changes in the preview, then Take it "
                + "(it plays at once) or Discard it.");
    }

    private void failed(int mine, String why) {
        if (mine != generations) {
            return;
        }
        finished();
        preview.clear("No version to take: " + why);
        window.status.say(why);
    }

    /** Puts the version in the editor as one undoable edit and plays it. */
    void take(String code) {
        window.editor.replaceAll(code);
        preview.clear("Taken: the editor has the new version (Undo brings back the old one).");
        window.live.run();
    }

    private String scriptName() {
        return window.file() == null ? "untitled.py" : window.file().getFileName().toString();
    }

    private String title(String promptText) {
        if (window.file() != null) {
            return "edit " + window.file().getFileName();
        }
        String t = promptText.strip().replaceAll("\\s+", " ");
        return t.length() > 40 ? t.substring(0, 40) : t;
    }

    private static String host(String url) {
        try {
            return java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The generator's steps: tokens to the preview, everything to the session. On the generation's thread. */
    private final class Steps implements Generator.Listener {
        private final int mine;
        private final Session session;
        private final boolean offline;
        private Integer last;

        Steps(int mine, Session session, boolean offline, Integer base) {
            this.mine = mine;
            this.session = session;
            this.offline = offline;
            this.last = base;
        }

        @Override
        public void token(String token) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            SwingUtilities.invokeLater(() -> {
                if (mine == generations) {
                    preview.token(token);
                }
            });
        }

        @Override
        public void answer(ChatResult answer) {
            record(() -> session.answer(answer.text(), answer.model(), answer.finishReason(), answer.promptTokens(),
                    answer.completionTokens(), answer.elapsedMillis(), answer.partial()));
        }

        @Override
        public int code(String code, boolean repair, Integer parent) {
            Origin origin = repair ? Origin.REPAIR : offline ? Origin.OFFLINE : last != null ? Origin.EDIT : Origin.LLM;
            Integer from = parent != null ? parent : last;
            int version = record(() -> session.codeVersion(code, origin, from));
            last = version;
            say("Checking version " + version + " in the sandbox…");
            return version;
        }

        @Override
        public void validation(int version, ScriptError error, String soundProblem) {
            String problem = error != null ? error.format() : soundProblem;
            record(() -> session.validation(version, problem, error == null || error.line() == 0 ? null
                    : error.line()));
            if (problem != null) {
                say("Version " + version + " failed: " + problem);
            }
        }

        @Override
        public void repair(int version, String reason) {
            record(() -> session.repair(version, reason));
            say("Asking for a repair of version " + version + "…");
        }

        @Override
        public void failure(LlmException error) {
            if (!error.partialText().isEmpty()) {
                record(() -> session.answer(error.partialText(), null, null, null, null, 0, true));
            }
            record(() -> session.error("model:" + error.kind().name().toLowerCase(java.util.Locale.ROOT),
                    error.getMessage()));
        }

        private void say(String text) {
            SwingUtilities.invokeLater(() -> {
                if (mine == generations) {
                    preview.status(text);
                }
            });
        }

        private int record(IoStep step) {
            try {
                return step.run();
            } catch (IOException e) {
                throw new UncheckedIOException("could not write to the session: " + e.getMessage(), e);
            }
        }
    }

    private interface IoStep {
        int run() throws IOException;
    }
}
