package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.score.NoteEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live worker: versions in contexts of their own, passes from time 0, and limits that spare the other versions. */
class LiveWorkerTest {

    static LiveWorker worker;

    static final String TWO_LOOPS = """
            use_bpm(120)
            play(72)
            sleep(1)
            play(74)

            @live_loop
            def melody():
                play(60 + tick() % 3)
                sleep(0.5)

            @live_loop("drums")
            def beat():
                sample("bd_haus")
                sleep(1)
            """;

    @BeforeAll
    static void start() throws Exception {
        worker = new LiveWorker();
        worker.restart();
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    private static LiveAnswer get(CompletableFuture<LiveAnswer> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    /**
     * Contexts for the next versions are made at the lowest priority, so they never take the CPU from the passes of
     * what plays (on a loaded machine a build beside a new version's first passes made the loop miss beats).
     */
    @Test
    void contextsAreMadeAheadAtTheLowestPriority() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ThreadNice.available(), "needs renice and /proc (Linux)");
        assertTrue(get(worker.install(901, "a.py", "play(60)\n", 60, 10_000)).ok());   // a spare is made after it
        Map<String, Integer> nice = ThreadNice.once(worker.pid(), "riffcode-prepar", 19);
        assertEquals(19, nice.get("riffcode-prepar"), "the thread that makes contexts (Linux shows 15 characters of "
                + "its name): " + nice);
        assertTrue(nice.getOrDefault("riffcode-v901", 0) < 19, "the version's own thread keeps the worker's level: "
                + nice);
    }

    /**
     * Once ready, no thread of the worker runs at the audio's level (it starts there, so that a busy machine cannot
     * starve its warm-up, and is lowered when it says it is ready).
     */
    @Test
    void onceReadyEveryThreadOfTheWorkerYieldsToTheAudio() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ThreadNice.available(), "needs renice and /proc (Linux)");
        assertTrue(ThreadNice.lowest(worker.pid()) >= 10, "a thread of the worker above nice 10");
        assertTrue(get(worker.install(902, "b.py", "play(62)\n", 60, 10_000)).ok());
        assertTrue(ThreadNice.lowest(worker.pid()) >= 10, "a thread born after the start above nice 10");
    }

    @Test
    void checkFindsTheSyntaxErrorAndItsLineWithoutRunningTheCode() throws Exception {
        LiveAnswer broken = get(worker.check("beat.py", "use_bpm(120)\nplay(60)\nplay(62\nsleep(1)\n", 2_000));
        assertFalse(broken.ok());
        assertEquals(ScriptError.Category.SYNTAX, broken.error().category(), broken.error().format());
        assertEquals(3, broken.error().line(), "the unclosed bracket's line: " + broken.error().format());
        assertEquals("beat.py", broken.error().file());

        LiveAnswer indent = get(worker.check("beat.py", "@live_loop\ndef a():\nplay(60)\n", 2_000));
        assertEquals("IndentationError", indent.error().kind());
        assertEquals(3, indent.error().line());

        // Checked, never run: an endless loop and a blocked import are fine Python to compile.
        long t0 = System.nanoTime();
        LiveAnswer endless = get(worker.check("beat.py", "import socket\nwhile True:\n    pass\n", 2_000));
        assertTrue(endless.ok(), () -> endless.error().format());
        assertTrue((System.nanoTime() - t0) / 1e6 < 2_000, "answered at once: it did not run the loop");
        assertTrue(endless.score() == null, "a check plays nothing");
    }

    @Test
    void installRunsTheTopLevelFromZeroAndListsTheLoops() throws Exception {
        LiveAnswer a = get(worker.install(1, "live.py", TWO_LOOPS, 60, 10_000));
        assertTrue(a.ok(), () -> a.error().format());
        assertEquals(120, a.bpm(), 1e-9);
        assertEquals(0.5, a.length(), 1e-9, "one beat at 120 bpm");
        assertEquals(List.of("melody", "drums"), a.loops().stream().map(LiveAnswer.LoopInfo::name).toList());
        assertEquals(6, a.loops().get(0).line(), "the line where the loop is declared (its decorator)");
        List<Double> times = a.score().notes().stream().map(NoteEvent::time).toList();
        assertEquals(List.of(0.0, 0.5), times);
        worker.drop(1);
    }

    @Test
    void passesRunFromZeroCarryTheirTicksAndDoNotRepeatOldNotes() throws Exception {
        assertTrue(get(worker.install(2, "live.py", TWO_LOOPS, 60, 10_000)).ok());
        Map<String, Integer> ticks = Map.of();
        for (int pass = 0; pass < 4; pass++) {
            LiveAnswer p = get(worker.pass(2, "live.py", "melody", pass, ticks, 2_000));
            assertTrue(p.ok(), () -> p.error().format());
            assertEquals(0.25, p.length(), 1e-9, "half a beat at the version's 120 bpm");
            assertEquals(1, p.score().notes().size(), "only this pass's notes");
            NoteEvent n = p.score().notes().get(0);
            assertEquals(0, n.time(), 1e-9);
            assertEquals(60 + pass % 3, n.note(), 1e-9, "tick() goes on from the last pass");
            ticks = p.ticks();
        }
        worker.drop(2);
    }

    @Test
    void anErrorInAPassNamesItsLineAndLeavesTheVersionUsable() throws Exception {
        String code = "@live_loop\ndef x():\n    play(60)\n    if tick() == 1:\n        play(60, pan=5)\n    sleep(1)\n";
        assertTrue(get(worker.install(3, "x.py", code, 60, 10_000)).ok());
        LiveAnswer first = get(worker.pass(3, "x.py", "x", 0, Map.of(), 2_000));
        assertTrue(first.ok());
        LiveAnswer bad = get(worker.pass(3, "x.py", "x", 1, first.ticks(), 2_000));
        assertFalse(bad.ok());
        assertEquals("x.py:5: ValueError: play(): pan must be between -1 and 1, got 5", bad.error().format());
        LiveAnswer again = get(worker.pass(3, "x.py", "x", 2, Map.of("tick", 5), 2_000));
        assertTrue(again.ok(), "the version's context still works");
        assertEquals(1, again.score().notes().size());
        worker.drop(3);
    }

    @Test
    void aRunawayTopLevelIsStoppedWhileAnotherVersionsPassesGoOn() throws Exception {
        assertTrue(get(worker.install(4, "a.py", TWO_LOOPS, 60, 10_000)).ok());
        for (int pass = 0; pass < 5; pass++) {
            assertTrue(get(worker.pass(4, "a.py", "drums", pass, Map.of(), 5_000)).ok());
        }
        long pid = worker.pid();
        CompletableFuture<LiveAnswer> runaway = worker.install(5, "b.py", "x = 0\nwhile True:\n    x += 1\n", 60, 4_000);
        for (int pass = 5; pass < 10; pass++) {
            LiveAnswer p = get(worker.pass(4, "a.py", "drums", pass, Map.of(), 5_000));
            assertTrue(p.ok(), "the playing version answers while the new one runs away");
        }
        assertFalse(runaway.isDone(), "the passes were answered while the runaway still ran, not after it");
        LiveAnswer stopped = get(runaway);
        assertEquals(ScriptError.Category.TIMEOUT, stopped.error().category(), stopped.error().format());
        assertFalse(stopped.fatal(), "an interruptible loop is stopped without ending the worker");
        assertEquals(pid, worker.pid(), "the same worker process");
        assertTrue(get(worker.pass(4, "a.py", "drums", 10, Map.of(), 5_000)).ok());
        worker.drop(4);
        worker.drop(5);
    }

    @Test
    void aSyntaxErrorNamesItsLine() throws Exception {
        LiveAnswer a = get(worker.install(6, "s.py", "play(60)\nplay(62\nsleep(1)\n", 60, 10_000));
        assertEquals(ScriptError.Category.SYNTAX, a.error().category());
        assertEquals(2, a.error().line(), a.error().format());
    }

    @Test
    void aLoopThatDoesNotSleepIsRefusedAtItsDef() throws Exception {
        assertTrue(get(worker.install(7, "n.py", "x = 1\n@live_loop\ndef busy():\n    play(60)\n", 60, 10_000)).ok());
        LiveAnswer p = get(worker.pass(7, "n.py", "busy", 0, Map.of(), 2_000));
        assertFalse(p.ok());
        assertTrue(p.error().message().contains("did not sleep"), p.error().format());
        assertEquals(2, p.error().line(), "the loop's @live_loop line: " + p.error().format());
        worker.drop(7);
    }

    @Test
    void anInterruptDeafTopLevelEndsTheWorkerAndARestartServesAgain() throws Exception {
        long before = worker.pid();
        LiveAnswer a = get(worker.install(8, "deaf.py", "sum(range(10**15))\n", 60, 1_000));
        assertEquals(ScriptError.Category.TIMEOUT, a.error().category(), a.error().format());
        assertTrue(a.fatal(), "the worker could not stop it and says so");
        for (int i = 0; i < 50 && worker.alive(); i++) {
            Thread.sleep(100);
        }
        assertFalse(worker.alive());
        worker.restart();
        assertNotEquals(before, worker.pid());
        assertTrue(get(worker.install(9, "ok.py", TWO_LOOPS, 60, 10_000)).ok());
        worker.drop(9);
    }
}
