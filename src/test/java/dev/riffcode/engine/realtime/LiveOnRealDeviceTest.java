package dev.riffcode.engine.realtime;

import static dev.riffcode.engine.realtime.Sound.LSB;
import static dev.riffcode.engine.realtime.Sound.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.WavReader;
import dev.riffcode.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./riffcode live} on the real sound path (JavaSound, ALSA's pulse plugin, a PulseAudio null sink, parec),
 * with its default 100 ms output buffer: a minute of play during which the script is saved 100 times, two versions
 * alternating and every tenth save broken. What the sink received is analysed: a carrier that must never drop out,
 * and one note per pass whose pitch names the version that played it.
 */
class LiveOnRealDeviceTest {

    private static final int BPM = 240;
    private static final int PASS = SR * 60 / BPM;     // one beat: 11025 frames
    private static final int SAVES = 100;
    private static final long SAVE_EVERY_MILLIS = 600;
    private static final double CARRIER = 220;
    private static final double LOW = 440;              // note 69, version A
    private static final double HIGH = 659.255;         // note 76, version B

    private static PulseSink sink;
    private static float[] heard;
    private static float[] recorded;
    private static String log;
    private static int goodSaves;

    static String version(int note) {
        return "use_bpm(" + BPM + ")\n"
                + "carrier = SineOscillator(frequency=" + CARRIER + ", amplitude=0.15)\n"
                + "out(carrier)\n"
                + "@live_loop\n"
                + "def tone():\n"
                + "    play(" + note + ", synth='sine', amp=0.6, sustain=0.7, release=0.1)\n"
                + "    sleep(1)\n";
    }

    @BeforeAll
    static void playAMinuteOfSaves(@TempDir Path dir) throws Exception {
        sink = PulseSink.start();
        Path script = Files.writeString(dir.resolve("live.py"), version(69));
        Path wav = dir.resolve("take.wav");
        PulseSink.Recording parec = sink.record(dir.resolve("sink.raw"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JVM as the launcher starts it for live play: ZGC, whose pauses stay well under a millisecond.
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseZGC",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-Driffcode.sessions=" + dir.resolve("sessions"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "live", script.toString(), "--record", wav.toString());
        pb.environment().putAll(sink.clientEnv());
        Path err = dir.resolve("err.txt");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process live = pb.start();
        try {
            playAndStop(script, live, err);
        } finally {
            live.destroyForcibly(); // a failed test must not leave a player writing into the next test's sink
        }
        heard = parec.stop()[0];
        recorded = WavReader.read(wav).channels()[0];
        log = Files.readString(err, StandardCharsets.UTF_8)
                + "\nThe sound server's underruns (seconds since it started):\n" + sink.underruns();
        System.err.println(log);
    }

    private static void playAndStop(Path script, Process live, Path err) throws Exception {
        waitFor(err, "version 1 plays", live);
        Thread.sleep(1_500);
        int note = 69;
        for (int i = 1; i <= SAVES; i++) {
            boolean broken = i % 10 == 0;
            if (!broken) {
                note = note == 69 ? 76 : 69;
                goodSaves++;
            }
            Files.writeString(script, broken ? version(note) + "play(60\n" : version(note));
            Thread.sleep(SAVE_EVERY_MILLIS);
        }
        Thread.sleep(1_500);
        new ProcessBuilder("kill", "-INT", Long.toString(live.pid())).start().waitFor();
        assertTrue(live.waitFor(60, TimeUnit.SECONDS), "live stopped on Ctrl+C");
        Thread.sleep(300);
    }

    @AfterAll
    static void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    private static void waitFor(Path err, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(err).contains(text)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in:\n" + Files.readString(err));
            }
            Thread.sleep(100);
        }
    }

    /** The level of one frequency in {@code x[from, from + n)}, as a sine's amplitude. */
    static double goertzel(float[] x, int from, int n, double hz) {
        double c = 2 * Math.cos(2 * Math.PI * hz / SR);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = x[from + i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return 2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - c * s1 * s2)) / n;
    }

    /** Where the first note's sound begins: the grid every pass starts on. */
    private static int firstOnset() {
        for (int at = 0; at + 256 <= heard.length; at += 64) {
            if (goertzel(heard, at, 256, LOW) > 0.05) {
                return at;
            }
        }
        throw new AssertionError("no note was heard");
    }

    /** Which version played each pass: +1 the high note, -1 the low one, 0 neither clearly. */
    private static List<Integer> passes(int grid, int until) {
        List<Integer> out = new ArrayList<>();
        for (int start = grid; start + PASS <= until; start += PASS) {
            double low = goertzel(heard, start + 1024, 4096, LOW);
            double high = goertzel(heard, start + 1024, 4096, HIGH);
            out.add(high > 3 * low ? 1 : low > 3 * high ? -1 : 0);
        }
        return out;
    }

    private static int lastSound() {
        int i = heard.length - 1;
        while (i > 0 && Math.abs(heard[i]) < 0.01) {
            i--;
        }
        return i;
    }

    @Test
    void theCarrierNeverDropsOut() {
        int from = firstOnset() + SR;
        int to = lastSound() - SR / 10;
        int window = SR / 100;
        List<Double> levels = new ArrayList<>();
        for (int at = from; at + window <= to; at += window) {
            levels.add(goertzel(heard, at, window, CARRIER));
        }
        List<Double> sorted = new ArrayList<>(levels);
        java.util.Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        int gaps = 0;
        for (double l : levels) {
            gaps += l < median * 0.7 ? 1 : 0;
        }
        assertTrue(levels.size() > 55 * 100, "about a minute was heard: " + levels.size() / 100.0 + " s");
        assertEquals(0, gaps, "10 ms windows in which the carrier fell (dropouts), out of " + levels.size()
                + "\n" + log);
    }

    @Test
    void everyGoodSaveTookOverOnAPassAndEveryBrokenOneChangedNothing() {
        int grid = firstOnset();
        List<Integer> played = passes(grid, lastSound() - PASS);
        assertTrue(played.stream().noneMatch(p -> p == 0), "each pass plays one whole note of one version: " + played);
        int flips = 0;
        for (int i = 1; i < played.size(); i++) {
            flips += played.get(i).equals(played.get(i - 1)) ? 0 : 1;
        }
        // Versions alternate on good saves only: one flip each; a broken save changes nothing, so adds none.
        assertEquals(goodSaves, flips, "the pitch changed once per good save");
        assertEquals(SAVES - goodSaves, log.split("SyntaxError", -1).length - 1, "each broken save was reported");
    }

    @Test
    void everyNoteStartsOnThePassGridWithinOneBlock() {
        int grid = firstOnset();
        int until = lastSound() - PASS;
        for (int start = grid + PASS; start + PASS <= until; start += PASS) {
            int onset = -1;
            for (int at = start - 2 * 256; at < start + 2 * 256; at += 16) {
                double f = goertzel(heard, at, 256, LOW) + goertzel(heard, at, 256, HIGH);
                if (f > 0.05) {
                    onset = at;
                    break;
                }
            }
            assertTrue(onset >= 0 && Math.abs(onset - start) <= 256, "the pass at " + start / (double) SR
                    + " s starts " + (onset - start) + " frames off the grid");
        }
    }

    @Test
    void noSwapClicks() {
        // The signals' own largest step: two sines at their peaks, plus the attack of a note.
        double own = Sound.sineStep(CARRIER, 0.15 * 0.35) + Sound.sineStep(HIGH, 0.6 * 0.35) + 0.6 * 0.35 / 44;
        double largest = Sound.largestStep(heard, firstOnset() - SR, lastSound() - SR / 10);
        assertTrue(largest <= own * 1.1, "largest sample step " + largest + ", the signals' own at most " + own);
    }

    @Test
    void theRecordingIsWhatTheSinkReceived() {
        int lag = Sound.align(recorded, heard);
        int frames = Math.min(recorded.length, heard.length - lag) - SR;
        int differs = Sound.firstDifference(recorded, heard, lag, frames, 2 * LSB);
        assertEquals(-1, differs, "the recording and the sink differ from frame " + differs + "\n" + log);
        assertTrue(frames > 55 * SR, "the recording covers the take: " + frames / (double) SR + " s");
    }
}
