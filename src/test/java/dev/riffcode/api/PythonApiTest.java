package dev.riffcode.api;

import static dev.riffcode.testing.Scripts.error;
import static dev.riffcode.testing.Scripts.run;
import static dev.riffcode.testing.Scripts.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.ScriptError;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Python API contract: names, defaults, time in beats, and what reaches the score. */
class PythonApiTest {

    private static final double EPS = 1e-9;

    @Test
    void playRecordsANoteWithSonicPiDefaults() {
        Score s = score("play(60)\n");
        assertEquals(1, s.notes().size());
        NoteEvent n = s.notes().get(0);
        assertEquals(0, n.time(), EPS);
        assertEquals("sine", n.synth());
        assertEquals(60, n.note(), EPS);
        assertEquals(1, n.amp(), EPS);
        assertEquals(0, n.pan(), EPS);
        assertEquals(0.01, n.attack(), EPS);
        assertEquals(0.3, n.release(), EPS);
        assertEquals(1, n.sustainLevel(), EPS);
    }

    @Test
    void timeIsInBeatsAtTheCurrentTempo() {
        Score s = score("use_bpm(120)\nplay(60)\nsleep(1)\nplay(62, release=1)\nuse_bpm(60)\nsleep(1)\nplay(64)\n");
        List<NoteEvent> n = s.notes();
        assertEquals(0.0, n.get(0).time(), EPS);
        assertEquals(0.5, n.get(1).time(), EPS);
        assertEquals(0.5, n.get(1).release(), EPS, "envelope times are beats too");
        assertEquals(1.5, n.get(2).time(), EPS);
    }

    @Test
    void notesByNameNumberAndFloat() {
        Score s = score("play('A4')\nplay('C#4')\nplay('Eb3')\nplay(':c4')\nplay(60.5)\nplay(None)\nplay('r')\n");
        List<Double> got = s.notes().stream().map(NoteEvent::note).toList();
        assertEquals(List.of(69.0, 61.0, 51.0, 60.0, 60.5), got);
    }

    @Test
    void musicTheoryFunctions() {
        RunResult r = run("print(note('A4'), hz('A4'), scale('C4', 'major'), chord('C4', 'major'), chord('A3', 'minor7'))\n"
                + "print(scale('A3', 'minor_pentatonic', num_octaves=2))\n");
        assertTrue(r.ok(), () -> r.error().format());
        String[] lines = r.printed().strip().split("\n");
        assertEquals("69 440.0 [60, 62, 64, 65, 67, 69, 71, 72] [60, 64, 67] [57, 60, 64, 67]", lines[0]);
        assertEquals("[57, 60, 62, 64, 67, 69, 72, 74, 76, 79, 81]", lines[1]);
    }

    @Test
    void useSynthAndPerNoteSynth() {
        Score s = score("use_synth('saw')\nplay(50)\nplay(50, synth='pluck', coef=0.5)\nplay(50, synth='beep')\n");
        assertEquals(List.of("saw", "pluck", "sine"), s.notes().stream().map(NoteEvent::synth).toList());
        assertEquals(0.5, s.notes().get(1).extra("coef", -1), EPS);
    }

    @Test
    void cutoffIsAMidiNoteOrHz() {
        Score s = score("play(40, synth='saw', cutoff=69)\nplay(40, synth='saw', cutoff=1000)\nplay(40, synth='saw')\nplay(40)\n");
        assertEquals(440, s.notes().get(0).cutoffHz(), 1e-6);
        assertEquals(1000, s.notes().get(1).cutoffHz(), 1e-6);
        assertEquals(440 * Math.pow(2, (100 - 69) / 12.0), s.notes().get(2).cutoffHz(), 1e-6, "saw's own default cutoff 100");
        assertEquals(0, s.notes().get(3).cutoffHz(), EPS, "sine has no filter by default");
    }

    @Test
    void chordsPatternsAndTimedPatterns() {
        Score s = score("play_chord([60, 64, 67])\nsleep(1)\nplay_pattern_timed([60, 62, 64], [0.5, 0.25])\nplay([70, 74])\n");
        List<Double> times = s.notes().stream().map(NoteEvent::time).toList();
        assertEquals(List.of(0.0, 0.0, 0.0, 1.0, 1.5, 1.75, 2.25, 2.25), times);
    }

    @Test
    void withFxNestsAndIsReusedAcrossLoopPasses() {
        Score s = score("""
                with with_fx("reverb", room=0.9):
                    play(60)
                    with with_fx("echo", phase=0.5, decay=4):
                        play(64)
                @live_loop
                def beat():
                    with with_fx("lpf", cutoff=80):
                        play(40)
                    sleep(1)
                """);
        List<FxBus> fx = s.fx();
        assertEquals(3, fx.size(), "one lpf for all the loop's passes: " + fx);
        assertEquals("reverb", fx.get(0).kind());
        assertEquals(0, fx.get(0).parent());
        assertEquals(0.9, fx.get(0).param("room", 0), EPS);
        assertEquals("echo", fx.get(1).kind());
        assertEquals(1, fx.get(1).parent());
        assertEquals(0.5, fx.get(1).param("phase", 0), EPS, "phase in beats becomes seconds at 60 bpm");
        assertEquals(1, s.notes().get(0).bus());
        assertEquals(2, s.notes().get(1).bus());
        assertTrue(s.notes().stream().filter(n -> n.note() == 40).allMatch(n -> n.bus() == 3));
    }

    @Test
    void liveLoopsRunSideBySideUntilTheHorizon() {
        RunResult r = dev.riffcode.testing.SharedRunner.get().run(dev.riffcode.runtime.RunRequest.of("loops.py", """
                use_bpm(120)
                @live_loop
                def kick():
                    play(36)
                    sleep(1)
                @live_loop("hats")
                def h():
                    play(80)
                    sleep(0.5)
                """).withHorizon(4));
        assertTrue(r.ok(), () -> r.error().format());
        Score s = r.score();
        assertEquals(List.of("kick", "hats"), s.liveLoops());
        assertEquals(4, s.lengthSeconds(), EPS);
        List<Double> kicks = s.notes().stream().filter(n -> n.note() == 36).map(NoteEvent::time).sorted().toList();
        List<Double> hats = s.notes().stream().filter(n -> n.note() == 80).map(NoteEvent::time).sorted().toList();
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5), kicks, "1 beat at 120 bpm is 0.5 s");
        assertEquals(16, hats.size());
    }

    @Test
    void inThreadHasItsOwnTime() {
        Score s = score("""
                @in_thread
                def bass():
                    play(36)
                    sleep(2)
                    play(38)
                play(72)
                sleep(1)
                play(74)
                """);
        assertEquals(List.of(0.0, 2.0, 0.0, 1.0), s.notes().stream().map(NoteEvent::time).toList());
    }

    @Test
    void seededRandomnessIsRepeatable() {
        String code = "use_random_seed(3)\nfor i in range(8):\n    play(rrand_i(50, 80))\n    sleep(choose([0.25, 0.5]))\n";
        assertEquals(score(code).notes(), score(code).notes());
        assertTrue(score(code).notes().stream().map(NoteEvent::note).distinct().count() > 2);
    }

    @Test
    void ringsAndTicks() {
        RunResult r = run("r = ring(1, 2, 3)\nprint([r.tick() for _ in range(5)], r[7], [tick() for _ in range(3)], look())\n");
        assertTrue(r.ok(), () -> r.error().format());
        assertEquals("[1, 2, 3, 1, 2] 2 [0, 1, 2] 2", r.printed().strip());
    }

    @Test
    void samplesMapToTheBuiltInDrums() {
        Score s = score("sample('bd_haus')\nsample('drum_snare_hard')\nsample('drum_cymbal_closed')\nsample('hat', amp=0.5)\n");
        assertEquals(List.of("kick", "snare", "hat", "hat"), s.notes().stream().map(NoteEvent::synth).toList());
    }

    @Test
    void unitGeneratorsConnectAndChangeOverTime() {
        Score s = score("""
                osc = SawtoothOscillatorBL(frequency=110)
                lp = FilterLowPass(frequency=500, Q=2)
                env = EnvelopeDAHDSR()
                vca = Multiply()
                osc.output.connect(lp.input)
                lp.output.connect(vca.inputA)
                env.output.connect(vca.inputB)
                out(vca)
                env.input.on()
                lp.frequency.ramp(3000, 2)
                sleep(2)
                env.input.off()
                sleep(1)
                """);
        var g = s.graph();
        assertEquals(4, g.units().size());
        assertEquals(3, g.connections().size());
        assertEquals(1, g.outputs().size());
        assertEquals(110, g.events().get(0).value(), EPS, "the constructor's frequency= is a set at time 0");
        PortEvent ramp = g.events().stream().filter(e -> e.action() == PortEvent.Action.RAMP).findFirst().orElseThrow();
        assertEquals(2, ramp.duration(), EPS);
        PortEvent off = g.events().stream().filter(e -> e.action() == PortEvent.Action.OFF).findFirst().orElseThrow();
        assertEquals(2, off.time(), EPS);
        assertEquals(3, s.lengthSeconds(), EPS, "the script's last sleep sets the length");
    }

    @Test
    void jsynThreeArgumentConnectAndStereoOut() {
        Score s = score("""
                osc = SineOscillator(frequency=330)
                pan = Pan(pan=-0.5)
                line = LineOut()
                osc.output.connect(0, pan.input, 0)
                pan.output.connect(0, line.input, 0)
                pan.output.connect(1, line.input, 1)
                sleep(1)
                """);
        assertEquals(3, s.graph().connections().size());
        assertEquals(1, s.graph().connections().get(2).toPart());
    }

    // ------------------------------------------------------------------ errors name the line and the problem

    @Test
    void badValuesAreErrorsAtTheUsersLine() {
        ScriptError e = error("play(60)\n\nplay(60, amp='loud')\n");
        assertEquals(3, e.line());
        assertEquals("TypeError", e.kind());
        assertTrue(e.message().contains("amp"), e.message());
        assertEquals("test.py:3: TypeError: play(): expected a number for amp, got 'loud'", e.format());
    }

    @Test
    void unknownNamesListWhatExists() {
        ScriptError synth = error("use_synth('tb909')\n");
        assertTrue(synth.message().contains("saw") && synth.message().contains("pluck"), synth.message());
        ScriptError note = error("x = 1\nplay('H2')\n");
        assertEquals(2, note.line());
        assertTrue(note.message().contains("H2"), note.message());
        ScriptError fx = error("with with_fx('flanger'):\n    play(60)\n");
        assertEquals(1, fx.line());
        assertTrue(fx.message().contains("reverb"), fx.message());
        ScriptError opt = error("play(60, synth='saw', depth=3)\n");
        assertTrue(opt.message().contains("depth"), opt.message());
        ScriptError scale = error("scale('C4', 'dorain')\n");
        assertTrue(scale.message().contains("dorian"), scale.message());
    }

    @Test
    void errorsInsideUserFunctionsPointAtTheInnermostUserLine() {
        ScriptError e = error("def melody():\n    play(60)\n    sleep(-1)\n\nmelody()\n");
        assertEquals(3, e.line());
        assertTrue(e.message().contains("negative"), e.message());
        ScriptError loop = error("@live_loop\ndef bad():\n    play(60)\n    x = 1 / 0\n    sleep(1)\n");
        assertEquals(4, loop.line());
        assertEquals("ZeroDivisionError", loop.kind());
    }

    @Test
    void syntaxErrorsHaveTheirLine() {
        ScriptError e = error("play(60)\nplay(62\nsleep(1)\n");
        assertEquals(ScriptError.Category.SYNTAX, e.category());
        assertEquals(2, e.line());
        assertEquals("test.py:2: SyntaxError: '(' was never closed", e.format());
    }

    @Test
    void unitGraphMistakesAreClear() {
        ScriptError port = error("osc = SineOscillator()\nosc.frequncy.set(3)\n");
        assertEquals(2, port.line());
        assertTrue(port.message().contains("frequency"), port.message());
        ScriptError loop = error("a = Add()\nb = Add()\na.output.connect(b.inputA)\nb.output.connect(a.inputA)\n");
        assertEquals(4, loop.line());
        assertTrue(loop.message().contains("feedback"), loop.message());
        ScriptError dir = error("a = SineOscillator()\nb = SineOscillator()\na.output.connect(b.output)\n");
        assertTrue(dir.message().contains("output"), dir.message());
    }

    @Test
    void scriptsCanCatchApiErrorsLikeAnyPythonError() {
        RunResult r = run("try:\n    play('nope')\nexcept ValueError as e:\n    print('caught')\nplay(60)\n");
        assertTrue(r.ok(), () -> r.error().format());
        assertEquals("caught", r.printed().strip());
    }

    @Test
    void explicitImportOfTheApiWorks() {
        assertEquals(1, score("from riffcode import *\nimport riffcode\nriffcode.play(60)\n").notes().size());
    }
}
