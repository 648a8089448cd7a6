package dev.riffcode.live;

import static dev.riffcode.live.Stage.BLOCK;
import static dev.riffcode.live.Stage.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Yin;
import dev.riffcode.engine.RenderSettings;
import dev.riffcode.engine.SampleSource;
import dev.riffcode.engine.ScoreRenderer;
import dev.riffcode.engine.pipes.PipesBackend;
import dev.riffcode.runtime.LiveWorker;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.testing.Difference;
import dev.riffcode.testing.Scripts;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantics of live play, each checked on what was actually rendered: pass boundaries, swaps at boundaries,
 * tick counters carried over, new loops on the beat, broken versions that change nothing.
 */
class LivePlayerTest {

    static LiveWorker worker;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = new LiveWorker();
        worker.restart();
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    private static Stage stage(double seconds) {
        return new Stage(worker, LiveSettings.of("live.py"), seconds);
    }

    /** A loop that holds one sine note for most of each pass of {@code beats} at 120 bpm. */
    private static String loop(String name, String note, double beats) {
        return "@live_loop\ndef " + name + "():\n    play(" + note + ", synth='sine', sustain=" + (beats * 0.6)
                + ", release=0.02)\n    sleep(" + beats + ")\n";
    }

    private static double pitch(float[] x) {
        Yin.Pitch p = new Yin(SR).detect(x, x.length / 4, Math.min(4096, x.length / 2));
        return p.isPeriodic() ? p.frequency() : 0;
    }

    private static int firstSound(float[] x) {
        int i = 0;
        while (i < x.length && Math.abs(x[i]) < 1e-4f) {
            i++;
        }
        return i;
    }

    private static void assertContiguous(List<long[]> passes) {
        for (int i = 1; i < passes.size(); i++) {
            assertEquals(passes.get(i - 1)[1] + passes.get(i - 1)[2], passes.get(i)[1],
                    "pass " + i + " starts where the one before ended");
        }
    }

    @Test
    void aLoopPlaysPassAfterPassOnExactFrames() throws Exception {
        try (Stage s = stage(4)) {
            LivePlayer.Evaluation v1 = s.run("use_bpm(120)\n" + loop("beep", "69", 0.5));
            assertTrue(v1.ok());
            s.playUntil(3);
            List<long[]> passes = s.events.of("beep");
            assertTrue(passes.size() >= 8, "passes: " + passes.size());
            assertEquals(v1.startFrame(), passes.get(0)[1], "the first pass starts with the version");
            assertEquals(SR / 4, passes.get(0)[2], "half a beat at 120 bpm");
            assertContiguous(passes);
            for (long[] p : passes.subList(0, 6)) {
                int onset = firstSound(s.frames(p[1] - 64, p[1] + 2048));
                // A sine from phase 0 under a 1 ms attack needs a few frames to rise above the threshold.
                assertTrue(onset - 64 >= 0 && onset - 64 <= 5, "the note starts on its pass's frame " + p[1] + ": "
                        + (onset - 64));
            }
            assertTrue(s.events.missed.isEmpty(), "no pass was late: " + s.events.missed);
        }
    }

    /**
     * What plays live is what {@code render} makes of the same script: the loop's passes, computed one by one by the
     * live worker and started on their frames, sound (raw, before the master section) as the rendered score does from
     * the version's first frame: notes of three pitches through a filter and an envelope, within -90 dB.
     */
    @Test
    void aLiveLoopSoundsAsTheRenderOfTheSameScript() throws Exception {
        String code = "use_bpm(120)\n@live_loop\ndef tune():\n"
                + "    play(57 + (tick() % 3) * 2, synth='saw', sustain=0.3, release=0.05, cutoff=3000)\n"
                + "    sleep(0.5)\n";
        int frames = 3 * SR;
        float[] live;
        try (Stage s = stage(5)) {
            LivePlayer.Evaluation v = s.run(code);
            assertTrue(v.ok(), () -> v.error().format());
            s.playUntil((v.startFrame() + frames) / (double) SR + 0.1);
            live = s.frames(v.startFrame(), v.startFrame() + frames);
            assertTrue(s.events.missed.isEmpty(), "no pass was late: " + s.events.missed);
        }
        ScoreRenderer offline = new PipesBackend(3).open(Scripts.score(code), new RenderSettings(SR, BLOCK),
                SampleSource.NONE);
        float[] rendered = new float[frames];
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        for (int at = 0; at < frames; at += BLOCK) {
            offline.render(l, r);
            for (int i = 0; i < BLOCK && at + i < frames; i++) {
                rendered[at + i] = (l[i] + r[i]) / 2;
            }
        }
        assertTrue(Levels.rms(rendered) > Math.sqrt(1e-3), "the render is nearly silent: " + Levels.rms(rendered));
        double db = Difference.db(live, rendered);
        assertTrue(db < -90, "live play differs from the render by " + db + " dB");
    }

    @Test
    void aSwapTakesTheNewBodyAtAPassBoundaryAndKeepsItsTicks() throws Exception {
        try (Stage s = stage(6)) {
            String v1 = "use_bpm(120)\n@live_loop\ndef melody():\n    n = tick()\n"
                    + "    play(57, synth='sine', sustain=0.35, release=0.02)\n    sleep(1)\n";
            assertTrue(s.run(v1).ok());
            s.playUntil(2);
            String v2 = "use_bpm(120)\n@live_loop\ndef melody():\n    n = tick()\n"
                    + "    play(60 + n, synth='sine', sustain=0.35, release=0.02)\n    sleep(1)\n";
            LivePlayer.Evaluation e = s.run(v2);
            assertTrue(e.ok(), () -> e.error().format());
            s.playUntil(5);
            List<long[]> passes = s.events.of("melody");
            assertContiguous(passes);
            int firstNew = 0;
            while (passes.get(firstNew)[0] == 1) {
                firstNew++;
            }
            long boundary = passes.get(firstNew)[1];
            // Passes computed ahead are taken back: the new body plays from the first pass not yet begun.
            assertEquals(e.startFrame(), boundary, "the new body starts on the version's beat, a pass boundary");
            double before = pitch(s.frames(boundary - SR / 2, boundary - SR / 4));
            double after = pitch(s.frames(boundary + 256, boundary + SR / 4));
            assertEquals(220, before, 2, "version 1 plays A3 up to the boundary");
            // tick() went on from version 1's passes: the first new pass plays 60 + that count.
            double expected = 440 * Math.pow(2, (60 + firstNew - 69) / 12.0);
            assertEquals(expected, after, expected * 0.01, "version 2 plays note " + (60 + firstNew) + " from it");
            int onset = firstSound(s.frames(boundary - 64, boundary + 2048));
            assertTrue(onset - 64 >= 0 && onset - 64 <= 5, "the new body's first note is on the boundary: " + (onset - 64));
        }
    }

    /** A note the scheduler was held back for by a few tens of ms still plays, late; one far behind is left out. */
    @Test
    void aNoteJustMissedPlaysLateAndOneLongPastIsLeftOut() throws Exception {
        try (Stage s = stage(1)) {
            long now = 10L * SR;
            assertFalse(s.player.tooLate(now + 1, now), "a note still to come");
            assertFalse(s.player.tooLate(now - SR * 40 / 1000, now), "40 ms late: it starts at once");
            assertTrue(s.player.tooLate(now - SR * 60 / 1000, now), "60 ms late: left out");
        }
    }

    @Test
    void aNewBodyWhoseFirstPassIsSlowTakesOverLaterWithoutAGap() throws Exception {
        // Passes of a quarter of a second; the new body's first pass computes for about a second, longer than the
        // whole schedule-ahead window (0.5 s), so later than the pass it was asked for on any machine (as a cold
        // context on a loaded one can be): the old body must play on meanwhile.
        LiveSettings slowPassesAllowed = new LiveSettings(SR, LiveSettings.DEFAULT_AHEAD_SECONDS,
                LiveSettings.DEFAULT_START_SECONDS, 60, 10_000, 10_000, "live.py");
        try (Stage s = new Stage(worker, slowPassesAllowed, 8)) {
            s.run("use_bpm(240)\n" + loop("a", "69", 1));
            s.playUntil(1);
            LivePlayer.Evaluation v2 = s.run("use_bpm(240)\nfirst = [True]\n@live_loop\ndef a():\n"
                    + "    if first[0]:\n        first[0] = False\n        n = 0\n"
                    + "        for i in range(4000000):\n            n += i % 7\n"
                    + "    play(76, synth='sine', sustain=0.6, release=0.02)\n    sleep(1)\n");
            assertTrue(v2.ok(), () -> v2.error().format());
            s.playUntil(7);
            List<long[]> passes = s.events.of("a");
            assertContiguous(passes);
            assertTrue(s.events.missed.isEmpty(), "no pass was missed: " + s.events.missed + "\n" + s.events.log);
            assertFalse(s.events.lateTakeOvers.isEmpty(), "the first pass was slow enough to be late: "
                    + s.events.log);
            long[] firstNew = passes.stream().filter(p -> p[0] == 2).findFirst().orElseThrow();
            assertTrue(firstNew[1] > v2.startFrame(), "the take-over moved later than the version's beat");
            for (long[] p : passes) {
                if (p[1] + p[2] > s.playedSeconds() * SR) {
                    break;
                }
                double expected = p[0] == 1 ? 440 : 659.26;
                assertEquals(expected, pitch(s.frames(p[1] + 256, p[1] + SR / 8)), expected * 0.01,
                        "the pass at " + p[1] + " plays version " + p[0] + "'s note");
            }
        }
    }

    @Test
    void aNewLoopStartsOnTheNextBeatOfTheSharedClock() throws Exception {
        try (Stage s = stage(5)) {
            LivePlayer.Evaluation v1 = s.run("use_bpm(120)\n" + loop("a", "69", 1));
            s.playUntil(1.3);
            LivePlayer.Evaluation v2 = s.run("use_bpm(120)\n" + loop("a", "69", 1) + loop("b", "76", 1));
            assertTrue(v2.ok());
            s.playUntil(4);
            long beat = SR / 2;
            long firstB = s.events.of("b").get(0)[1];
            assertEquals(0, (firstB - v1.startFrame()) % beat, "b starts on a beat of the clock a keeps");
            assertEquals(v2.startFrame(), firstB);
            assertTrue(firstB - (long) (1.3 * SR) < beat + Stage.SR / 2, "on the next beat, not later");
        }
    }

    @Test
    void aLoopGoneFromTheCodeStopsAfterItsCurrentPass() throws Exception {
        try (Stage s = stage(5)) {
            s.run("use_bpm(120)\n" + loop("a", "69", 1) + loop("b", "81", 2));
            s.playUntil(1.5);
            LivePlayer.Evaluation v2 = s.run("use_bpm(120)\n" + loop("a", "69", 1));
            s.playUntil(4.5);
            List<long[]> b = s.events.of("b");
            long[] last = b.get(b.size() - 1);
            assertTrue(last[1] < v2.startFrame(), "no pass of b began after the version without it took over");
            assertTrue(s.events.log.stream().anyMatch(l -> l.startsWith("loop b stopped")), s.events.log.toString());
            long end = last[1] + last[2];
            double late = pitch(s.frames(end + SR / 10, end + SR / 2));
            assertEquals(440, late, 3, "only a (A4) plays after b's last pass");
        }
    }

    @Test
    void aBrokenVersionChangesNothingThatPlays() throws Exception {
        try (Stage s = stage(5)) {
            s.run("use_bpm(120)\n" + loop("a", "69", 0.5));
            s.playUntil(1);
            LivePlayer.Evaluation syntax = s.run("use_bpm(120)\n@live_loop\ndef a():\n    play(72\n    sleep(1)\n");
            assertFalse(syntax.ok());
            assertEquals(ScriptError.Category.SYNTAX, syntax.error().category());
            assertEquals(4, syntax.error().line(), syntax.error().format());
            LivePlayer.Evaluation raises = s.run("use_bpm(120)\nplay(60, amp=-1)\n" + loop("a", "72", 0.5));
            assertFalse(raises.ok());
            assertEquals(2, raises.error().line(), raises.error().format());
            s.playUntil(3);
            List<long[]> passes = s.events.of("a");
            assertContiguous(passes);
            assertTrue(passes.stream().allMatch(p -> p[0] == 1), "only version 1 ever played");
            long[] late = passes.stream().filter(p -> p[1] > 2 * SR).findFirst().orElseThrow();
            assertEquals(440, pitch(s.frames(late[1] + 256, late[1] + SR / 7)), 3, "version 1's A4 plays on");
            assertTrue(s.events.missed.isEmpty(), "no beat was missed: " + s.events.missed);
        }
    }

    @Test
    void anExceptionInOneLoopKeepsItOnItsLastGoodBodyAndTheOthersTakeTheirs() throws Exception {
        try (Stage s = stage(5)) {
            s.run("use_bpm(120)\n" + loop("a", "69", 1) + loop("b", "57", 1));
            s.playUntil(1.2);
            String v2 = "use_bpm(120)\n@live_loop\ndef a():\n    play(72, pan=9)\n    sleep(1)\n" + loop("b", "60", 1);
            LivePlayer.Evaluation e = s.run(v2);
            assertTrue(e.ok(), "the top level runs: the error is inside a's pass");
            s.playUntil(4);
            ScriptError error = s.events.errors.stream().filter(x -> x.line() == 4).findFirst().orElse(null);
            assertNotNull(error, "a's error is reported with its line: " + s.events.log);
            assertContiguous(s.events.of("a"));
            List<long[]> a = s.events.of("a");
            assertTrue(a.stream().allMatch(p -> p[0] == 1), "a stays on version 1's body");
            assertTrue(s.events.of("b").stream().anyMatch(p -> p[0] == 2), "b takes version 2's body");
            assertTrue(s.events.missed.isEmpty(), "a missed no beat: " + s.events.missed);
        }
    }

    @Test
    void aTempoChangeAppliesFromTheNextBeat() throws Exception {
        try (Stage s = stage(6)) {
            s.run("use_bpm(60)\n" + loop("a", "69", 1));
            s.playUntil(1.5);
            LivePlayer.Evaluation v2 = s.run("use_bpm(120)\n" + loop("a", "69", 1));
            s.playUntil(5);
            List<long[]> passes = s.events.of("a");
            assertContiguous(passes);
            for (long[] p : passes) {
                assertEquals(p[0] == 1 ? SR : SR / 2, p[2], "a beat lasts 1 s at 60 bpm, 0.5 s at 120");
            }
            assertTrue(passes.stream().anyMatch(p -> p[0] == 2));
            assertEquals(120, s.player.status().bpm(), 1e-9);
            assertTrue(v2.startFrame() % SR == passes.get(0)[1] % SR, "the change came on a beat of the old tempo");
        }
    }

    @Test
    void aRunawayVersionLeavesTheMusicPlaying() throws Exception {
        LiveSettings settings = LiveSettings.of("live.py").withInstallTimeout(1_500);
        try (Stage s = new Stage(worker, settings, 6)) {
            s.run("use_bpm(120)\n" + loop("a", "69", 0.5));
            s.playUntil(1);
            LivePlayer.Evaluation runaway = s.run("x = 0\nwhile True:\n    x += 1\n");
            assertEquals(ScriptError.Category.TIMEOUT, runaway.error().category());
            s.playUntil(4);
            List<long[]> passes = s.events.of("a");
            assertContiguous(passes);
            assertTrue(passes.get(passes.size() - 1)[1] > 3.5 * SR, "passes went on");
            assertTrue(s.events.missed.isEmpty(), "no beat was missed: " + s.events.missed);
        }
    }

    @Test
    void aNewVersionsTopLevelNotesPlayOnceFromItsBeat() throws Exception {
        try (Stage s = stage(5)) {
            s.run("use_bpm(120)\n" + loop("a", "57", 1));
            s.playUntil(1.2);
            LivePlayer.Evaluation v2 = s.run("use_bpm(120)\nplay(84, synth='sine', sustain=0.4, release=0.02)\n"
                    + loop("a", "57", 1));
            s.playUntil(4);
            long at = v2.startFrame();
            // Only the top-level C6 sounds above 1 kHz: it starts on the version's beat, once.
            assertEquals(1046.5, pitch(highPassed(s.frames(at, at + SR / 5))), 5, "the top-level note at the beat");
            double c6 = 1046.5;
            assertTrue(goertzel(s.frames(at, at + SR / 5), c6) > 0.1, "it sounds clearly at the beat");
            assertTrue(goertzel(s.frames(at - SR / 4, at), c6) < 0.005, "not before");
            for (double t = 0.5; t < 2.4; t += 0.25) {
                long from = at + (long) (t * SR);
                assertTrue(goertzel(s.frames(from, from + SR / 4), c6) < 0.005, "and not again at +" + t + " s");
            }
        }
    }

    @Test
    void aBlockedImportOrAMemoryBombChangesNothingThatPlays() throws Exception {
        try (Stage s = stage(8)) {
            s.run("use_bpm(120)\n" + loop("a", "69", 0.5));
            s.playUntil(1);
            LivePlayer.Evaluation blocked = s.run("import socket\n" + loop("a", "72", 0.5));
            assertEquals(ScriptError.Category.BLOCKED, blocked.error().category(), blocked.error().format());
            assertEquals(1, blocked.error().line());
            LivePlayer.Evaluation bomb = s.run("x = []\nwhile True:\n    x.append('riffcode' * 1000)\n");
            assertEquals(ScriptError.Category.MEMORY, bomb.error().category(), bomb.error().format());
            double after = s.playedSeconds() + 1.5;
            s.playUntil(after);
            List<long[]> passes = s.events.of("a");
            assertContiguous(passes);
            assertTrue(passes.stream().allMatch(p -> p[0] == 1), "only version 1 played");
            assertTrue(passes.get(passes.size() - 1)[1] > (after - 1) * SR, "and it went on playing");
            LivePlayer.Evaluation ok = s.run("use_bpm(120)\n" + loop("a", "72", 0.5));
            assertTrue(ok.ok(), "the worker still takes new versions");
        }
    }

    @Test
    void aWorkerThatMustBeReplacedLeavesTheSoundGoingAndTheLoopsRejoin() throws Exception {
        LiveSettings settings = LiveSettings.of("live.py").withInstallTimeout(1_000);
        try (LiveWorker own = new LiveWorker()) {
            own.restart();
            try (Stage s = new Stage(own, settings, 30)) {
                s.run("use_bpm(120)\ndrone = SineOscillator(frequency=110, amplitude=0.3)\nout(drone)\n"
                        + loop("a", "69", 0.5));
                s.playUntil(1.5);
                long pid = own.pid();
                // Code that ignores interrupts: only a new worker process stops it.
                LivePlayer.Evaluation deaf = s.run("sum(range(10**15))\n");
                assertEquals(ScriptError.Category.TIMEOUT, deaf.error().category(), deaf.error().format());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!s.events.log.stream().anyMatch(l -> l.startsWith("worker back"))) {
                    assertTrue(System.nanoTime() < deadline, "the worker came back: " + s.events.log);
                    Thread.sleep(100);
                }
                assertTrue(own.pid() != pid, "a new worker process");
                double back = s.playedSeconds();
                s.playUntil(back + 2);
                // The drone (a unit graph, rendered in Java) never stopped, and the loop plays again.
                double quietest = 1;
                for (double t = 1.5; t < back + 1.9; t += 0.05) {
                    quietest = Math.min(quietest, goertzel(s.mono(t, t + 0.05), 110));
                }
                assertTrue(quietest > 0.02, "the drone went on while the worker was replaced: " + quietest);
                List<long[]> passes = s.events.of("a");
                assertTrue(passes.get(passes.size() - 1)[1] > back * SR, "the loop rejoined: " + s.events.log);
            }
        }
    }

    @Test
    void theSameEffectKeepsItsStateAndARemovedOneRingsOut() throws Exception {
        try (Stage s = stage(16)) {
            String fx = "use_bpm(120)\n@live_loop\ndef a():\n    with with_fx('reverb', room=%s, mix=0.7):\n"
                    + "        play(69, synth='saw', sustain=0.1, release=0.05)\n    sleep(1)\n";
            s.run(String.format(fx, "0.8"));
            s.playUntil(1.5);
            assertEquals(1, s.renderer.stats().effects());
            s.run(String.format(fx, "0.9"));
            s.playUntil(3);
            assertEquals(1, s.renderer.stats().effects(), "the same reverb, with its new room glided in");
            LivePlayer.Evaluation dry = s.run("use_bpm(120)\n@live_loop\ndef a():\n    sleep(1)\n");
            s.playUntil(3.2 + (dry.startFrame() / (double) SR - 3));
            double tail = rms(s.frames(dry.startFrame() + SR / 10, dry.startFrame() + SR / 5));
            assertTrue(tail > 1e-3, "the removed reverb's tail rings on: " + tail);
            s.playUntil(15.5);
            assertEquals(0, s.renderer.stats().effects(), "and is freed once silent");
        }
    }

    @Test
    void aUnitGraphKeepsPlayingAcrossVersionsAndGlidesToNewValues() throws Exception {
        try (Stage s = stage(5)) {
            String graph = "use_bpm(120)\nosc = SineOscillator(frequency=%s, amplitude=0.5)\nout(osc)\n"
                    + "@live_loop\ndef keep():\n    sleep(1)\n";
            s.run(String.format(graph, "440"));
            s.playUntil(1.5);
            LivePlayer.Evaluation v2 = s.run(String.format(graph, "550"));
            assertTrue(v2.ok());
            s.playUntil(3);
            long at = v2.startFrame();
            assertEquals(440, pitch(s.frames(at - SR / 2, at)), 2, "version 1's oscillator");
            assertEquals(550, pitch(s.frames(at + SR / 10, at + SR / 2)), 2, "the same oscillator, now at 550 Hz");
            float[] around = s.frames(at - SR / 10, at + SR / 10);
            // A sine of amplitude a at f Hz steps at most 2πfa/SR per sample; a restart or jump would step further.
            double ownStep = 2 * Math.PI * 550 * 0.5 / SR;
            assertTrue(largestStep(around) <= ownStep * 1.05, "no click at the swap: " + largestStep(around));
        }
    }

    @Test
    void stopFadesEverythingOutAndTheNextRunStartsAfresh() throws Exception {
        try (Stage s = stage(6)) {
            String first = "use_bpm(120)\nwith with_fx('reverb', room=0.9, mix=0.6):\n"
                    + "    play(57, synth='sine', sustain=8)\n" + loop("a", "69", 0.5);
            assertTrue(s.run(first).ok());
            s.playUntil(1.5);
            long stoppedAt = s.renderer.position();
            s.player.stop(0.05).get(5, TimeUnit.SECONDS);
            long silentFrom = s.renderer.position();
            assertTrue(silentFrom - stoppedAt < SR / 5, "stopped within 0.2 s: " + (silentFrom - stoppedAt) + " frames");
            assertTrue(s.player.status().loops().isEmpty(), "no loop left");
            s.playUntil(silentFrom / (double) SR + 1.0);
            float[] after = s.frames(silentFrom, silentFrom + SR);
            assertEquals(0, rms(after), 1e-6, "a second of silence after the stop: no pass, no reverb tail");
            float[] fade = s.frames(stoppedAt - SR / 20, silentFrom);
            // Two sines (A3 and A4) at most 0.35 each, plus the reverb: a cut would step much further.
            assertTrue(largestStep(fade) < 0.05, "no click: " + largestStep(fade));

            LivePlayer.Evaluation again = s.run("use_bpm(120)\n" + loop("b", "76", 0.5));
            assertTrue(again.ok() && again.startFrame() > silentFrom, "plays again after the stop");
            s.playUntil(again.startFrame() / (double) SR + 1.2);
            assertEquals(659.3, pitch(s.frames(again.startFrame() + SR / 2, again.startFrame() + SR / 2 + SR / 7)), 4,
                    "the new loop plays, alone");
            assertTrue(s.events.of("a").stream().noneMatch(p -> p[1] > stoppedAt + SR / 5), "loop a never came back");
        }
    }

    @Test
    void aVersionStillStartingWhenStopIsPressedNeverPlays() throws Exception {
        try (Stage s = stage(4)) {
            java.util.concurrent.CompletableFuture<LivePlayer.Evaluation> late =
                    s.player.evaluate("use_bpm(120)\n" + loop("a", "69", 0.5));
            s.player.stop(0.05).get(5, TimeUnit.SECONDS);
            LivePlayer.Evaluation e = late.get(30, TimeUnit.SECONDS);
            assertTrue(e.ok());
            assertEquals(-1, e.startFrame(), "stopped before it started");
            long from = s.renderer.position();
            s.playUntil(from / (double) SR + 1.0);
            assertEquals(0, rms(s.frames(from, from + SR)), 1e-6, "nothing plays");
        }
    }

    private static float[] highPassed(float[] x) {
        float[] y = new float[x.length];
        double a = Math.exp(-2 * Math.PI * 1000.0 / SR);
        double prevX = 0;
        double prevY = 0;
        for (int i = 0; i < x.length; i++) {
            prevY = a * (prevY + x[i] - prevX);
            prevX = x[i];
            y[i] = (float) prevY;
        }
        return y;
    }

    /** The amplitude of one frequency in x. */
    private static double goertzel(float[] x, double hz) {
        double c = 2 * Math.cos(2 * Math.PI * hz / SR);
        double s1 = 0;
        double s2 = 0;
        for (float v : x) {
            double s0 = v + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return 2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - c * s1 * s2)) / x.length;
    }

    private static double largestStep(float[] x) {
        double max = 0;
        for (int i = 1; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - x[i - 1]));
        }
        return max;
    }

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / Math.max(1, x.length));
    }
}
