package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Spectrum;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.engine.realtime.PulseSink;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor as a person uses it, heard where a person would hear it: the app in a process of its own (as
 * {@code ./riffcode edit} opens it) plays through JavaSound and ALSA into a private PulseAudio null sink, and
 * {@code parec} records the sink. Real key presses (java.awt.Robot, under Xvfb in CI) run the code, break a line and
 * run it, type a burst while it plays, change the note and run it again, then stop. The recording is analysed: a
 * carrier that must never drop out, one note per beat on a steady grid, and each note's pitch naming the version that
 * the window last ran successfully. What the window shows (its status, the squiggle's line, the error strip) comes
 * from the app's process as it changes.
 */
class EditorOnSinkTest {

    private static final int SR = PulseSink.RATE;
    private static final int BEAT = SR / 2;            // 120 bpm, a note every beat (sleep(1))
    private static final double CARRIER = 220;
    private static final double A4 = 440;
    private static final double E5 = 659.255;
    /** Centre pan, equal power: each channel (and so their mean) gets the source's level times this. */
    private static final double CENTRE = Math.sqrt(0.5);
    /** The carrier's level in the sink: its amplitude, panned. */
    private static final double CARRIER_LEVEL = 0.15 * CENTRE;
    /** A note's: amp=0.5 times a voice's level at amp=1 (0.35, the engine's headroom for chords), panned. */
    private static final double NOTE_LEVEL = 0.5 * 0.35 * CENTRE;
    /** The line (1-based) that plays the note: broken, then changed. */
    private static final int PLAY_LINE = 5;
    private static final String CODE = """
            use_bpm(120)
            out(SineOscillator(frequency=220, amplitude=0.15))
            @live_loop
            def tone():
                play(synth="sine", sustain=0.5, release=0.1, amp=0.5, note=69)
                sleep(1)
            """;

    private static PulseSink sink;
    private static Process editor;
    private static final Map<String, String> shown = new ConcurrentHashMap<>();
    private static final StringBuilder said = new StringBuilder();
    private static Rectangle bounds;
    private static Robot keys;
    private static long recordingStarted;
    private static float[] heard;
    private static String log;
    /** Moments of the story, as frames of the recording (from the wall clock: within a few tens of ms). */
    private static long firstRun;
    private static long brokenRun;
    private static long typingStart;
    private static long typingEnd;
    private static long secondRun;
    private static long stopped;
    /** What the window said from the broken Run on, until its mark was shown. */
    private static String brokenRunStatus;
    private static String brokenRunStrip;
    private static String brokenMarks;

    @BeforeAll
    static void playEditAndRecord(@TempDir Path dir) throws Exception {
        Displays.requireOrSkip();
        sink = PulseSink.start();
        Path script = Files.writeString(dir.resolve("tone.py"), CODE);
        // The JVM flags ./riffcode edit gives the editor (ZGC: its pauses are far shorter than the audio buffer).
        ProcessBuilder launch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseZGC", "-Xmx512m", "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Driffcode.sessions=" + dir.resolve(
                "sessions"), "-cp", System.getProperty("java.class.path"), EditorProcess.class.getName(),
                script.toString(), "--report");
        launch.environment().putAll(sink.clientEnv());
        launch.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        launch.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Path err = dir.resolve("editor.err");
        launch.redirectError(err.toFile());
        editor = launch.start();
        Thread reader = new Thread(EditorOnSinkTest::readReports, "editor-reports");
        reader.setDaemon(true);
        reader.start();
        PulseSink.Recording parec = null;
        try {
            waitFor("the window", Duration.ofSeconds(60), s -> s.containsKey("bounds"));
            String[] b = shown.get("bounds").split(" ");
            bounds = new Rectangle(Integer.parseInt(b[0]), Integer.parseInt(b[1]), Integer.parseInt(b[2]),
                    Integer.parseInt(b[3]));
            waitFor("the sandbox", Duration.ofSeconds(180), s -> s.getOrDefault("engine", "").startsWith("Python ready"));
            keys = new Robot();
            keys.setAutoDelay(15);
            String[] at = shown.get("ready").split(" ");
            keys.mouseMove(Integer.parseInt(at[0]) + 300, Integer.parseInt(at[1]) + 10);
            keys.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            keys.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            keys.delay(300);

            parec = sink.record(dir.resolve("sink.raw"));
            recordingStarted = System.nanoTime();
            firstRun = runAndListen(1, "sink-01-playing");

            goToEndOf(PLAY_LINE);
            press(KeyEvent.VK_BACK_SPACE);   // the play line loses its closing bracket
            waitFor("the squiggle as you type", Duration.ofSeconds(20), s -> !s.getOrDefault("marks", "").isEmpty());
            brokenMarks = shown.get("marks");
            int beforeBrokenRun = saidLength();
            brokenRun = now();
            chord(KeyEvent.VK_CONTROL, KeyEvent.VK_ENTER);
            waitFor("the failed run's mark", Duration.ofSeconds(30), s -> !s.getOrDefault("runmark", "").isEmpty());
            keys.delay(200);
            brokenRunStatus = saidSince(beforeBrokenRun);
            brokenRunStrip = shown.get("errorbar");
            screenshot("sink-02-broken-run");
            keys.delay(3000);

            type(")");
            waitFor("the marks to go", Duration.ofSeconds(20), s -> s.getOrDefault("marks", "x").isEmpty()
                    && s.getOrDefault("runmark", "x").isEmpty());
            chord(KeyEvent.VK_CONTROL, KeyEvent.VK_END);
            typingStart = now();
            for (int i = 0; i < 4; i++) {
                type("# typing while it plays, the sound goes on\n");
            }
            typingEnd = now();
            screenshot("sink-03-typed");

            goToEndOf(PLAY_LINE);
            for (int i = 0; i < 3; i++) {
                press(KeyEvent.VK_BACK_SPACE);
            }
            type("76)");
            keys.delay(300);
            // Version 2 was the broken one: a failed run is a version of the session too.
            secondRun = runAndListen(3, "sink-04-changed");

            int beforeStop = saidLength();
            chord(KeyEvent.VK_CONTROL, KeyEvent.VK_PERIOD);
            waitFor("Stop", Duration.ofSeconds(10), s -> saidSince(beforeStop).contains("status ■ Stopped"));
            stopped = now();
            keys.delay(500);
        } finally {
            System.err.println(story() + "\n" + said);
            float[][] recorded = parec == null ? new float[2][0] : parec.stop();
            heard = mono(recorded);
            // What the sink received, beside the screenshots: to listen to when a check fails.
            Path wav = Path.of("target", "screenshots", "sink-recording.wav");
            Files.createDirectories(wav.getParent());
            WavWriter.writeAtomically(wav, recorded, SR, WavFormat.PCM_16);
            quitEditor();
            log = Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stopSink() throws Exception {
        quitEditor();
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void theSquiggleAndTheFailedRunAreOnTheBrokenLine() {
        assertEquals(String.valueOf(PLAY_LINE), brokenMarks, "the squiggle as you type");
        assertTrue(brokenRunStatus.contains("status Run failed at line " + PLAY_LINE + ": SyntaxError"),
                brokenRunStatus);
        assertTrue(!brokenRunStatus.contains("status ▶ version"), "the broken version does not play: "
                + brokenRunStatus);
        assertTrue(brokenRunStrip.startsWith("Run failed, the previous version plays on"), brokenRunStrip);
        assertTrue(said.indexOf("runmark " + PLAY_LINE + "\n") >= 0, "the failed run marked line " + PLAY_LINE
                + ":\n" + said);
    }

    /** One note a beat, from the first Run to Stop: none missing when the broken run failed or while typing. */
    @Test
    void everyBeatHasItsNoteFromRunToStop() {
        List<Integer> notes = notes();
        // How soon is a benchmark's business (./riffcode bench editor); here it must only follow Run.
        assertTrue(notes.get(0) >= firstRun && notes.get(0) < firstRun + 10 * SR,
                "the first note follows Run: " + (notes.get(0) - firstRun) * 1000 / SR + " ms");
        for (int i = 1; i < notes.size(); i++) {
            int gap = notes.get(i) - notes.get(i - 1);
            assertTrue(Math.abs(gap - BEAT) < SR / 50, "note " + i + " comes " + gap * 1000 / SR
                    + " ms after the one before, not 500 ms: " + seconds(notes) + "; " + story());
        }
        long last = notes.get(notes.size() - 1);
        assertTrue(last > stopped - BEAT - SR / 5 && last < stopped, "the notes go on until Stop: the last at "
                + (last - stopped) * 1000 / SR + " ms from it");
        assertTrue(notes.get(0) < brokenRun - 2 * SR && last > secondRun + 2 * SR, "the notes span the story");
    }

    /** A4 until the second good Run; the broken run between changed nothing; E5 after. */
    @Test
    void eachNoteHasThePitchOfTheVersionThatRanLast() {
        Spectrum spectrum = new Spectrum(4096, SR);
        StringBuilder pitches = new StringBuilder();
        int switches = 0;
        double previous = 0;
        long switchedAt = -1;
        List<Double> levels = new ArrayList<>();
        for (int onset : notes()) {
            Spectrum.Peak p = spectrum.strongestPeak(spectrum.magnitudes(heard, onset + SR / 50), 300, 1000);
            double hz = p == null ? 0 : p.frequency();
            pitches.append(String.format(Locale.ROOT, " %.1f", hz));
            boolean a4 = Math.abs(hz - A4) < 3;
            assertTrue(a4 || Math.abs(hz - E5) < 3, "a note of neither version at " + onset / (double) SR + " s:"
                    + pitches);
            levels.add(p.magnitude());
            double pitch = a4 ? A4 : E5;
            if (previous != 0 && pitch != previous) {
                switches++;
                switchedAt = onset;
            }
            previous = pitch;
        }
        Collections.sort(levels);
        assertEquals(NOTE_LEVEL, levels.get(levels.size() / 2), NOTE_LEVEL * 0.15, "the notes' median level");
        assertEquals(1, switches, "one change of note, at the second good Run:" + pitches);
        assertTrue(switchedAt > secondRun && switchedAt < secondRun + 2 * SR, "the note changed "
                + (switchedAt - secondRun) * 1000 / SR + " ms after the Run that changed it:" + pitches);
        assertEquals(E5, previous, "E5 plays at the end:" + pitches);
    }

    /** The carrier, from the first note to Stop in 10 ms steps, never falls: no gap, no dropout, typing or not. */
    @Test
    void theSoundNeverDropsOut() {
        List<Integer> notes = notes();
        int from = notes.get(0) + SR / 10;
        long to = stopped - SR / 5;
        Spectrum spectrum = new Spectrum(1024, SR);
        List<Double> levels = new ArrayList<>();
        for (int at = from; at + 1024 <= to; at += SR / 100) {
            Spectrum.Peak p = spectrum.strongestPeak(spectrum.magnitudes(heard, at), 150, 300);
            levels.add(p == null ? 0 : p.magnitude());
        }
        List<Double> sorted = new ArrayList<>(levels);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        assertEquals(CARRIER_LEVEL, median, CARRIER_LEVEL * 0.1, "the carrier's level in the sink");
        List<String> gaps = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i) < 0.7 * median) {
                gaps.add(String.format(Locale.ROOT, "%.2f s: %.3f", (from + i * SR / 100.0) / SR, levels.get(i)));
            }
        }
        assertTrue(gaps.isEmpty(), "the carrier fell (dropouts) at " + gaps + "; " + story() + "\n" + said + log);
        assertTrue(typingEnd - typingStart > 3 * SR, "the typing burst lasted seconds: "
                + (typingEnd - typingStart) / (double) SR);
        assertTrue(levels.size() > (int) ((typingEnd - from) / (SR / 100)), "the typing burst is inside what was "
                + "checked");
    }

    // ------------------------------------------------------------------ the story's helpers

    private static void readReports() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(editor.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] kv = line.split(" ", 2);
                shown.put(kv[0], kv.length > 1 ? kv[1] : "");
                synchronized (said) {
                    said.append(line).append('\n');
                }
            }
        } catch (java.io.IOException e) {
            // The editor ended; waitFor says so.
        }
    }

    /** Ctrl+Enter; waits until the window says the version plays, lets it play 3 s. Returns when Run was pressed. */
    private static long runAndListen(int version, String screenshot) throws Exception {
        int mark = saidLength();
        long pressed = now();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_ENTER);
        waitFor("version " + version + " to play", Duration.ofSeconds(60), s -> saidSince(mark).contains(
                "status ▶ version " + version + " "));
        keys.delay(3000);
        screenshot(screenshot);
        return pressed;
    }

    private static int saidLength() {
        synchronized (said) {
            return said.length();
        }
    }

    private static String saidSince(int mark) {
        synchronized (said) {
            return said.substring(mark);
        }
    }

    private static void waitFor(String what, Duration limit, Predicate<Map<String, String>> check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.test(shown)) {
            if (!editor.isAlive() || System.nanoTime() > deadline) {
                screenshot("failed-sink-" + what.replaceAll("\\W+", "-"));
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + (editor.isAlive() ? ""
                        : " (the editor ended)") + "; the window said:\n" + said);
            }
            Thread.sleep(20);
        }
    }

    private static String story() {
        return String.format(Locale.ROOT, "the story, in seconds of the recording: Run %.2f s, broken Run %.2f s, typing %.2f-%.2f s, second Run %.2f s, "
                + "Stop %.2f s", firstRun / (double) SR, brokenRun / (double) SR, typingStart / (double) SR,
                typingEnd / (double) SR, secondRun / (double) SR, stopped / (double) SR) + lateReports();
    }

    /** What the window said about loops being late (why a beat may be missing), to read in CI's log. */
    private static String lateReports() {
        StringBuilder late = new StringBuilder();
        synchronized (said) {
            for (String line : said.toString().split("\n")) {
                if (line.contains("late for a pass") || line.contains("Python worker")) {
                    late.append("; the window said: ").append(line);
                }
            }
        }
        return late.toString();
    }

    /** Now, as a frame of the recording. */
    private static long now() {
        return (System.nanoTime() - recordingStarted) * SR / 1_000_000_000L;
    }

    private static void screenshot(String name) throws Exception {
        Windows.screenshot(bounds, name);
    }

    private static void chord(int modifier, int key) {
        keys.keyPress(modifier);
        press(key);
        keys.keyRelease(modifier);
    }

    private static void press(int key) {
        keys.keyPress(key);
        keys.keyRelease(key);
    }

    private static void goToEndOf(int line) {
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_HOME);
        for (int i = 1; i < line; i++) {
            press(KeyEvent.VK_DOWN);
        }
        press(KeyEvent.VK_END);
    }

    /** Types on a US keyboard (Xvfb's): letters, digits, space, newline and the few symbols the story needs. */
    private static void type(String text) {
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> press(KeyEvent.VK_ENTER);
                case ',' -> press(KeyEvent.VK_COMMA);
                case '#' -> chord(KeyEvent.VK_SHIFT, KeyEvent.VK_3);
                case ')' -> chord(KeyEvent.VK_SHIFT, KeyEvent.VK_0);
                default -> press(KeyEvent.getExtendedKeyCodeForChar(c));
            }
        }
    }

    private static void quitEditor() throws InterruptedException {
        if (editor != null && editor.isAlive()) {
            List<ProcessHandle> workers = editor.descendants().toList();
            editor.destroy();
            if (!editor.waitFor(10, TimeUnit.SECONDS)) {
                editor.destroyForcibly();
            }
            workers.forEach(ProcessHandle::destroyForcibly);
            editor.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ listening

    private static float[] mono(float[][] stereo) {
        float[] m = new float[stereo[0].length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (stereo[0][i] + stereo[1][i]) / 2;
        }
        return m;
    }

    /**
     * The onsets of the notes (frames), from the first sound to Stop. Onsets stand out only beside the loudest one of
     * the stretch looked at, and the carrier's start out of silence (at Run), or a dropout's end, outdoes any note's;
     * so they are looked for in stretches of 1.5 s (plus 0.25 s either side), from just after the carrier's start. Onsets with no note sounding after them (the carrier back after a dropout) are left
     * to {@link #theSoundNeverDropsOut}.
     */
    /**
     * The notes' onsets, in frames of the recording: where the strongest peak between 300 and 1000 Hz (the notes; the
     * carrier is at 220) rises above half a note's level after at least 50 ms below it, in 5 ms steps. (The generic
     * onset detector, run over windows of the recording, lost notes near a window's start, where the window cut into
     * a sounding note; the notes here are known, so their own band is followed instead.)
     */
    private static List<Integer> notes() {
        int first = 0;
        while (first < heard.length && Math.abs(heard[first]) < 0.01) {
            first++;
        }
        int from = Math.max(0, first - SR / 20);   // a note may start with the first sound
        int end = (int) Math.min(heard.length, stopped);
        assertTrue(end - from > 10 * SR, "sound was heard from Run to Stop: " + (end - from) / (double) SR + " s; "
                + story() + "\n" + said);
        int window = 1024;
        int hop = SR / 200;
        Spectrum spectrum = new Spectrum(window, SR);
        List<Integer> out = new ArrayList<>();
        int quietHops = 10;
        for (int at = from; at + window <= end; at += hop) {
            Spectrum.Peak p = spectrum.strongestPeak(spectrum.magnitudes(heard, at), 300, 1000);
            boolean sounding = p != null && p.magnitude() > NOTE_LEVEL / 2;
            if (sounding && quietHops >= 10) {
                out.add(at + window / 2);
            }
            quietHops = sounding ? 0 : quietHops + 1;
        }
        assertFalse(out.isEmpty(), "no note was heard; " + story() + "\n" + said);
        return out;
    }

    private static String seconds(List<Integer> frames) {
        StringBuilder s = new StringBuilder();
        frames.forEach(f -> s.append(String.format(Locale.ROOT, " %.3f", f / (double) SR)));
        return s.toString();
    }
}
