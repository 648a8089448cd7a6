package dev.riffcode.ui;

import dev.riffcode.engine.realtime.AudioDeviceException;
import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.JavaSoundOutput;
import dev.riffcode.engine.realtime.VirtualClockOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.text.BadLocationException;
import javax.swing.text.Document;

/**
 * The editor's figures, measured on its real window ({@code riffcode bench editor}): how soon it can be typed in, how
 * soon Run is heard once the sandbox is warm, how soon a syntax error typed is marked, and whether typing while it
 * plays disturbs the sound or the window. Sessions and state go to a temporary folder; the sound goes to the default
 * device, or to a virtual clock when there is none. Each figure is printed as {@code name: value unit}.
 */
public final class EditorBench {

    private static final int RATE = Playback.RATE;
    /** One loop, always sounding: Run's first sample is the loop's first note. */
    static final String TONE = """
            use_bpm(120)
            @live_loop
            def tone():
                play(69, synth="sine", sustain=0.45, release=0.05, amp=0.5)
                sleep(0.5)
            """;

    private EditorBench() {
    }

    /** Measures {@code runs} times each figure that has a spread; returns 0, or 1 when something did not work. */
    public static int run(PrintStream out, int runs) throws Exception {
        long launchedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path dir = Files.createTempDirectory("riffcode-bench-editor");
        Path script = dir.resolve("tone.py");
        Files.writeString(script, TONE);
        String[] device = {"default sound device"};
        EditorContext context = new EditorContext(System.getenv(), dir.resolve("config.json"), dir.resolve("sessions"),
                dir.resolve("state"), rate -> {
                    try {
                        return JavaSoundOutput.open(null, rate, EditorContext.LATENCY_MILLIS);
                    } catch (AudioDeviceException e) {
                        device[0] = "virtual clock: no sound device";
                        return new VirtualClockOutput(rate);
                    }
                }, List.of());

        long t0 = System.nanoTime();
        MainWindow window = EditorApp.open(context, script);
        out.printf(Locale.ROOT, "editor_window_visible: %.0f ms (from the JVM's start: %d ms)%n",
                (System.nanoTime() - t0) / 1e6, System.currentTimeMillis() - launchedAt);
        try {
            window.playback.ready().get(180, TimeUnit.SECONDS);
            out.printf(Locale.ROOT, "editor_sandbox_ready: %d ms from the JVM's start (in the background)%n",
                    System.currentTimeMillis() - launchedAt);
            out.printf("editor_sound: %s%n", device[0]);

            List<Double> toSound = runToSound(window, runs);
            out.printf(Locale.ROOT, "editor_run_to_sound_median: %.0f ms (Ctrl+Enter to the first sample the audio "
                    + "thread writes, warm, after a Stop; add the %d ms output buffer for the ear)%n",
                    percentile(toSound, 50), EditorContext.LATENCY_MILLIS);
            out.printf(Locale.ROOT, "editor_run_to_sound_p90: %.0f ms%n", percentile(toSound, 90));

            List<Double> toMark = keystrokeToMark(window, runs);
            out.printf(Locale.ROOT, "editor_keystroke_to_mark_median: %.0f ms (a syntax error typed to its squiggle; "
                    + "%d ms of it is the pause the check waits for)%n", percentile(toMark, 50),
                    SyntaxChecker.DEBOUNCE_MILLIS);
            out.printf(Locale.ROOT, "editor_keystroke_to_mark_p90: %.0f ms%n", percentile(toMark, 90));

            typingWhilePlaying(window, out);
            return 0;
        } finally {
            onEdt(() -> {
                window.quit();
                return null;
            });
        }
    }

    /** Stop, wait for silence, Run: the time from Run to the first sound, {@code runs} times. */
    private static List<Double> runToSound(MainWindow window, int runs) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            onEdt(() -> window.live.stop()).get(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            FirstSound first = window.playback.firstSound();
            long armed = onEdt(() -> {
                window.live.run();
                return window.live.lastRunAt();
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (first.heardAt() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (first.heardAt() < 0) {
                throw new IOException("Run was not heard within 10 s: " + onEdt(() -> window.status.text()));
            }
            millis.add((first.heardAt() - armed) / 1e6);
        }
        return millis;
    }

    /** Breaks the last line (a bracket left open), times its mark, mends it and waits for the mark to go. */
    private static List<Double> keystrokeToMark(MainWindow window, int runs) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long typed = System.nanoTime();
            onEdt(() -> insert(window.editor.area().getDocument(), "\nplay(60", -1));
            waitFor(() -> !window.editor.area().getParserNotices().isEmpty(), "the squiggle");
            millis.add((System.nanoTime() - typed) / 1e6);
            onEdt(() -> {
                window.editor.replaceAll(TONE);
                return null;
            });
            waitFor(() -> window.editor.area().getParserNotices().isEmpty(), "the squiggle to go");
        }
        return millis;
    }

    /**
     * While the loop plays, types 300 characters at about 12 a second into the code, and measures what reaches the
     * ear (underruns, the audio thread's load) and how late the window answers (a 10 ms timer's worst delay).
     */
    private static void typingWhilePlaying(MainWindow window, PrintStream out) throws Exception {
        onEdt(() -> {
            window.live.run();
            return null;
        });
        Thread.sleep(1500);
        AudioLoop.Stats before = window.playback.audioStats();
        AtomicLong worstDelay = new AtomicLong();
        AtomicLong last = new AtomicLong(System.nanoTime());
        Timer ping = onEdt(() -> {
            Timer t = new Timer(10, e -> {
                long now = System.nanoTime();
                worstDelay.accumulateAndGet(now - last.getAndSet(now) - 10_000_000L, Math::max);
            });
            t.start();
            return t;
        });
        String burst = "# typing while it plays: the sound and the window must not mind it at all. ".repeat(4);
        for (int i = 0; i < 300; i++) {
            char c = burst.charAt(i % burst.length());
            onEdt(() -> insert(window.editor.area().getDocument(), String.valueOf(c), -1));
            Thread.sleep(80);
        }
        onEdt(() -> {
            ping.stop();
            return null;
        });
        AudioLoop.Stats after = window.playback.audioStats();
        if (after == null || before == null) {
            out.println("editor_typing_underruns: n/a (no audio loop)");
            return;
        }
        out.printf(Locale.ROOT, "editor_typing_underruns: %d (during 300 keys typed over 24 s while the loop "
                + "plays)%n", after.underruns() - before.underruns());
        out.printf(Locale.ROOT, "editor_typing_audio_load_max: %.0f %%%n", after.maxLoad() * 100);
        out.printf(Locale.ROOT, "editor_typing_window_worst_delay: %.0f ms (a 10 ms timer on the event thread)%n",
                worstDelay.get() / 1e6);
    }

    private static Void insert(Document doc, String text, int at) throws BadLocationException {
        doc.insertString(at < 0 ? doc.getLength() : at, text, null);
        return null;
    }

    private static void waitFor(Callable<Boolean> check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onEdt(check)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("waited 20 s for " + what);
            }
            Thread.sleep(2);
        }
    }

    private static <T> T onEdt(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int at = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, at)));
    }
}
