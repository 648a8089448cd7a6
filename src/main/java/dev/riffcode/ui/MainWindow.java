package dev.riffcode.ui;

import dev.riffcode.session.Session;
import dev.riffcode.session.SessionStore;
import dev.riffcode.ui.history.HistoryPanel;
import dev.riffcode.ui.history.SessionBrowser;
import dev.riffcode.ui.scope.LoopsView;
import dev.riffcode.ui.scope.ScopesPanel;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * The editor's window: the prompt bar and the Run and Stop buttons on top, the scopes below them, the code in the
 * middle with its error bar, the preview and the history below it, the running loops on the right, the status at the
 * bottom. It wires
 * the parts together; each part does one thing. Used on the EDT only.
 */
public final class MainWindow extends JFrame {

    static final String TITLE = "Riffcode";

    final EditorContext context;
    final CodeEditor editor = new CodeEditor();
    final StatusBar status = new StatusBar();
    final ErrorBar errorBar = new ErrorBar(editor::goToLine);
    final JTabbedPane below = new JTabbedPane();
    final JPanel top = new JPanel(new BorderLayout(8, 0));
    final LazyStudio studio = new LazyStudio();
    final EditorSession session;
    final Playback playback;
    final ScopesPanel scopes;
    final LoopsView loops;
    final HistoryPanel history;
    final LiveControls live;
    final PreviewPanel preview = new PreviewPanel();
    final PromptControls prompt;
    final ApiCompletions completions = new ApiCompletions();
    final Exports exports = new Exports(this);
    Autosave autosave;
    private final EditorPrefs prefs;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Path file;
    private String savedText = "";
    /** Every prompt, answer and Run writes to the session from its own thread: the history follows it. */
    private final Timer sessionWatch;
    private Session shownSession;
    private int shownSteps;

    MainWindow(EditorContext context, EditorPrefs prefs) {
        super(TITLE);
        this.context = context;
        this.prefs = prefs;
        setName("riffcode");
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                quit();
            }
        });

        session = new EditorSession(new SessionStore(context.sessions()));
        playback = new Playback(context, studio);
        scopes = new ScopesPanel(playback.scope(), playback::audioStats, Playback.RATE);
        scopes.setName("scopes");
        scopes.setPreferredSize(new Dimension(900, 150));
        scopes.setMinimumSize(new Dimension(300, 110));
        loops = new LoopsView(this::playing);
        loops.setName("loops");
        history = new HistoryPanel(new HistoryPanel.Listener() {
            @Override
            public void play(int version, String code) {
                live.playFromHistory(version, code);
            }

            @Override
            public void restore(int version, String code) {
                restoreVersion(version, code);
            }
        });
        sessionWatch = new Timer(500, e -> showSessionChanges());
        sessionWatch.start();

        JPanel codeAndErrors = new JPanel(new BorderLayout());
        codeAndErrors.add(editor.component(), BorderLayout.CENTER);
        codeAndErrors.add(errorBar, BorderLayout.SOUTH);
        below.setName("below");
        below.addTab("Preview", preview);
        below.addTab("History", history);
        JSplitPane left = new JSplitPane(JSplitPane.VERTICAL_SPLIT, codeAndErrors, below);
        left.setResizeWeight(0.62);
        left.setBorder(BorderFactory.createEmptyBorder());
        JScrollPane loopsScroll = new JScrollPane(loops, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        loopsScroll.setBorder(BorderFactory.createEmptyBorder());
        JSplitPane code = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, loopsScroll);
        code.setResizeWeight(1.0);
        code.setBorder(BorderFactory.createEmptyBorder());
        code.setMinimumSize(new Dimension(300, 200));   // the split gives the scopes their height first
        loopsScroll.setPreferredSize(new Dimension(loops.getPreferredSize().width + 12, 200));
        JSplitPane main = new JSplitPane(JSplitPane.VERTICAL_SPLIT, scopes, code);
        main.setResizeWeight(0.0);
        main.setBorder(BorderFactory.createEmptyBorder());

        setJMenuBar(menus());
        live = new LiveControls(this, playback, session);
        JPanel buttons = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEADING, 4, 0));
        buttons.setOpaque(false);
        buttons.add(live.runButton());
        buttons.add(live.stopButton());
        top.add(buttons, BorderLayout.WEST);
        prompt = new PromptControls(this, preview);
        top.add(prompt.component(), BorderLayout.CENTER);
        completions.install(editor.area());
        JMenu fileMenu = menu("File");
        int at = fileMenu.getItemCount() - 2;   // before the separator and Quit
        fileMenu.insert(item("Export WAV…", KeyStroke.getKeyStroke(KeyEvent.VK_E, CodeEditor.menuMask()),
                exports::wavAsked), at);
        fileMenu.insert(item("Export session zip…", null, exports::sessionAsked), at + 1);
        fileMenu.insert(item("Open session…", KeyStroke.getKeyStroke(KeyEvent.VK_O, CodeEditor.menuMask()
                | CodeEditor.shift()), this::openSession), 1);
        addWindowFocusListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowLostFocus(WindowEvent e) {
                if (autosave != null) {
                    autosave.saveNow();
                }
            }
        });
        top.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        getContentPane().add(top, BorderLayout.NORTH);
        getContentPane().add(main, BorderLayout.CENTER);
        getContentPane().add(status, BorderLayout.SOUTH);
        setSize(1200, 780);
        setLocationByPlatform(true);
        updateTitle();
    }

    // ------------------------------------------------------------------ the document

    /** Opens a file (or, with null, an empty buffer); text autosaved for it and never saved comes back. */
    void open(Path path, String text) {
        file = path == null ? null : path.toAbsolutePath();
        savedText = text;
        Optional<String> unsaved = Autosave.recover(context.stateDir(), file, text);
        editor.load(unsaved.orElse(text));
        if (autosave != null) {
            autosave.close();
        }
        autosave = new Autosave(context.stateDir(), editor.area().getDocument(), editor::text, file);
        if (unsaved.isPresent()) {
            status.say("Brought back the text you had not saved" + (file == null ? "" : " (" + file.getFileName()
                    + " on disk is unchanged; Save writes it)") + ".");
        }
        updateTitle();
    }

    /** The API reference for completion: from its cache, or written by the render sandbox the first time. */
    private void loadReference() {
        Thread t = new Thread(() -> {
            try {
                String markdown = dev.riffcode.api.ApiReference.userCache().get(studio.get().runner());
                SwingUtilities.invokeLater(() -> completions.load(markdown));
            } catch (IOException | RuntimeException e) {
                SwingUtilities.invokeLater(() -> status.say("Completion knows only the script's own words: the API "
                        + "reference could not be written (" + e.getMessage() + ")."));
            }
        }, "riffcode-reference");
        t.setDaemon(true);
        t.start();
    }

    // ------------------------------------------------------------------ the session and its history

    /** Shows the session in the history panel once it exists, and its new steps as they come. */
    private void showSessionChanges() {
        Session current = session.current();
        int steps = current == null ? 0 : current.steps().size();
        if (current != shownSession) {
            shownSession = current;
            history.show(current);
        } else if (steps != shownSteps) {
            // Looking at the newest version: the next one is the newest, and shown in its place.
            boolean atNewest = history.model() != null && history.selectedVersion() == history.model().latestVersion();
            history.refresh();
            if (atNewest) {
                history.select(history.model().latestVersion());
            }
        }
        shownSteps = steps;
    }

    /** What plays, for the loops view (null until Run and Stop are set up). */
    private dev.riffcode.live.LivePlayer.Status playing() {
        return live == null ? null : live.status();
    }

    /** A version from the history goes back into the editor, as one edit that Undo takes back. */
    void restoreVersion(int version, String code) {
        editor.replaceAll(code);
        editor.area().requestFocusInWindow();
        status.say("Version " + version + " is back in the editor (Ctrl+Z undoes it); Ctrl+Enter plays it.");
    }

    /** Opens an earlier session: its history, and its latest code in the editor as one undoable edit. */
    void openSession() {
        Optional<String> chosen = SessionBrowser.choose(this, session.store());
        if (chosen.isEmpty()) {
            return;
        }
        status.say("Opening session " + chosen.get() + "…");
        session.open(chosen.get()).whenComplete((opened, failure) -> SwingUtilities.invokeLater(() -> {
            if (failure != null) {
                status.say("Could not open session " + chosen.get() + ": " + Playback.cause(failure).getMessage()
                        + ". The current session goes on.");
                return;
            }
            showSessionChanges();
            if (opened.code() != null) {
                editor.replaceAll(opened.code());
            }
            updateTitle();
            status.say("Opened session " + opened.title() + (opened.code() == null ? " (it has no code yet)"
                    : ": its latest version is in the editor (Ctrl+Z brings back what was there)")
                    + ". New Runs and prompts go into it.");
        }));
    }

    /** Brings the preview to the front (a generation is streaming into it). */
    void showPreview() {
        below.setSelectedComponent(preview);
    }

    Path file() {
        return file;
    }

    /** The title names the file, or else the session, as "Riffcode — NAME". */
    void updateTitle() {
        String name = file != null ? file.getFileName().toString() : sessionTitle();
        setTitle(name == null ? TITLE : TITLE + " — " + name);
    }

    /** The session's title, once the window has one. */
    String sessionTitle() {
        return session == null ? null : session.title();
    }

    boolean save() {
        if (file == null) {
            return saveAs();
        }
        String text = editor.text();
        try {
            TextFiles.writeAtomically(file, text);
            savedText = text;
            status.say("Saved " + file);
            return true;
        } catch (IOException e) {
            status.say("Could not save " + file + ": " + TextFiles.explain(e)
                    + ". Your text is safe in the editor and its autosave; try Save As.");
            return false;
        }
    }

    boolean saveAs() {
        JFileChooser chooser = new JFileChooser(file == null ? null : file.getParent().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("Riffcode scripts (*.py)", "py"));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return false;
        }
        Path chosen = chooser.getSelectedFile().toPath();
        if (!chosen.getFileName().toString().contains(".")) {
            chosen = chosen.resolveSibling(chosen.getFileName() + ".py");
        }
        file = chosen.toAbsolutePath();
        autosave.retarget(file);
        updateTitle();
        return save();
    }

    void openFile() {
        JFileChooser chooser = new JFileChooser(file == null ? null : file.getParent().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("Riffcode scripts (*.py)", "py"));
        if (chooser.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path chosen = chooser.getSelectedFile().toPath();
        try {
            open(chosen, Files.readString(chosen, StandardCharsets.UTF_8));
            status.say("Opened " + chosen);
        } catch (IOException e) {
            status.say("Could not open " + chosen + ": " + TextFiles.explain(e));
        }
    }

    boolean unsaved() {
        return !editor.text().equals(savedText);
    }

    // ------------------------------------------------------------------ menus and keys

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        int menu = CodeEditor.menuMask();
        JMenu fileMenu = new JMenu("File");
        fileMenu.add(item("Open…", KeyStroke.getKeyStroke(KeyEvent.VK_O, menu), this::openFile));
        fileMenu.add(item("Save", KeyStroke.getKeyStroke(KeyEvent.VK_S, menu), this::save));
        fileMenu.add(item("Save As…", KeyStroke.getKeyStroke(KeyEvent.VK_S, menu | CodeEditor.shift()), this::saveAs));
        fileMenu.addSeparator();
        fileMenu.add(item("Quit", KeyStroke.getKeyStroke(KeyEvent.VK_Q, menu), this::quit));
        bar.add(fileMenu);

        JMenu edit = new JMenu("Edit");
        edit.add(item("Undo", KeyStroke.getKeyStroke(KeyEvent.VK_Z, menu), () -> editor.area().undoLastAction()));
        edit.add(item("Redo", KeyStroke.getKeyStroke(KeyEvent.VK_Y, menu), () -> editor.area().redoLastAction()));
        bar.add(edit);

        JMenu view = new JMenu("View");
        ButtonGroup themes = new ButtonGroup();
        for (Theme t : Theme.values()) {
            String label = switch (t) {
                case SYSTEM -> "Follow the system";
                case LIGHT -> "Light";
                case DARK -> "Dark";
            };
            JRadioButtonMenuItem choice = new JRadioButtonMenuItem(label, t == prefs.theme());
            choice.addActionListener(e -> switchTheme(t));
            themes.add(choice);
            view.add(choice);
        }
        bar.add(view);
        return bar;
    }

    JMenu menu(String name) {
        for (int i = 0; i < getJMenuBar().getMenuCount(); i++) {
            if (getJMenuBar().getMenu(i).getText().equals(name)) {
                return getJMenuBar().getMenu(i);
            }
        }
        JMenu added = new JMenu(name);
        getJMenuBar().add(added);
        return added;
    }

    static JMenuItem item(String label, KeyStroke key, Runnable action) {
        JMenuItem item = new JMenuItem(action(label, action));
        if (key != null) {
            item.setAccelerator(key);
        }
        return item;
    }

    static Action action(String label, Runnable run) {
        return new AbstractAction(label) {
            @Override
            public void actionPerformed(ActionEvent e) {
                run.run();
            }
        };
    }

    /** A key that works wherever the focus is in the window, the editor included (it wins over the editor's own). */
    void bindKey(KeyStroke key, String name, Runnable run) {
        Action action = action(name, run);
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(key, name);
        getRootPane().getActionMap().put(name, action);
        editor.area().getInputMap(JComponent.WHEN_FOCUSED).put(key, name);
        editor.area().getActionMap().put(name, action);
    }

    void switchTheme(Theme theme) {
        prefs.theme(theme);
        Theme.install(theme, context.env());
        SwingUtilities.updateComponentTreeUI(this);
        Theme.style(editor.area());
        editor.area().setFont(editor.area().getFont().deriveFont(14f));
    }

    // ------------------------------------------------------------------ closing

    void quit() {
        setVisible(false);   // gone at once; the workers take a moment to end
        beforeClose();
        dispose();
        closed.countDown();
    }

    /** The parts stop their threads: the sound fades out, the workers end, the session is closed. */
    void beforeClose() {
        sessionWatch.stop();
        scopes.stop();
        loops.stop();
        autosave.close();
        prompt.cancel();
        playback.close();
        studio.close();
        session.close();
    }

    /** Starts what takes seconds, in the background: the sandbox, the sound, then the render sandbox. */
    void startBackground() {
        playback.fileName(file == null ? "untitled.py" : file.getFileName().toString());
        scopes.start();
        loops.start();
        live.start();
        playback.ready().whenComplete((x, e) -> {
            studio.warmInBackground();
            loadReference();
        });
    }

    /** Waits until the window has been closed. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
