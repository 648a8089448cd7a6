package dev.riffcode.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.runtime.RunRequest;
import dev.riffcode.runtime.RunResult;
import dev.riffcode.runtime.Runner;
import dev.riffcode.testing.SharedRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    @TempDir
    Path dir;

    @Test
    void itsOwnPatchComesFirstThenTheExamplesInOrder() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("examples"));
        Files.writeString(examples.resolve("b_second.py"), "play(62)\nsleep(1)\n");
        Files.writeString(examples.resolve("a_first.py"), "play(60)\nsleep(1)\n");
        Files.writeString(examples.resolve("notes.txt"), "not a script");
        assertEquals(List.of("warm-up.py", "a_first.py", "b_second.py"),
                WarmUp.scripts(examples).stream().map(WarmUp.Script::name).toList());
        assertEquals(List.of("warm-up.py"), WarmUp.scripts(dir.resolve("missing")).stream().map(WarmUp.Script::name).toList(),
                "without examples it still warms up on its own patch");
    }

    /** What the examples leave cold: enough sources in one graph for the engine to share them between the cores. */
    @Test
    void itsOwnPatchRendersManySourcesIntoOneFilterAndNotes() throws Exception {
        WarmUp.Script own = WarmUp.scripts(dir).get(0);
        RunResult run = SharedRunner.get().run(RunRequest.of(own.name(), own.code()));
        assertTrue(run.ok(), () -> run.error().format());
        long saws = run.score().graph().units().stream().filter(u -> u.type().equals("SawtoothOscillatorBL")).count();
        assertTrue(saws >= 16, "GraphRenderer shares sources between the cores from 16 on; saws: " + saws);
        assertTrue(run.score().notes().size() >= 40, "notes: " + run.score().notes().size());
    }

    @Test
    void rendersEveryScriptTwiceOneAtATimeInsideTheGateAndSaysWhichFailed() throws Exception {
        List<WarmUp.Script> scripts = List.of(WarmUp.scripts(dir).get(0),
                new WarmUp.Script("broken.py", "play(60)\nsleep(1)\nplya(3)\n"),
                new WarmUp.Script("tone.py", "play(69)\nsleep(1)\n"));
        List<String> ran = new ArrayList<>();
        Runner counting = new Runner() {
            @Override
            public RunResult run(RunRequest request) {
                ran.add(request.name());
                return SharedRunner.get().run(request);
            }

            @Override
            public void prepareNextRun() {
                SharedRunner.get().prepareNextRun();
            }
        };
        AtomicInteger open = new AtomicInteger();
        AtomicInteger slots = new AtomicInteger();
        WarmUp.Gate gate = () -> {
            assertEquals(0, open.getAndIncrement(), "a slot was taken before the last one was given back");
            slots.incrementAndGet();
            return open::decrementAndGet;
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        WarmUp.Result result = WarmUp.run(counting, scripts, scratch, gate, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(6, result.renders());
        assertEquals(2, result.failed(), "the broken script, once per pass");
        assertFalse(result.stopped());
        assertEquals(List.of("warm-up.py", "broken.py", "tone.py", "warm-up.py", "broken.py", "tone.py"), ran);
        assertEquals(6, slots.get());
        assertEquals(0, open.get(), "every slot given back");
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("warm-up: broken.py failed: broken.py:3: NameError") && said.contains("plya"), said);
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "nothing left in the scratch folder");
        }
    }

    @Test
    void aGateThatSaysStopEndsItBeforeTheNextRender() throws Exception {
        AtomicInteger given = new AtomicInteger();
        WarmUp.Gate gate = () -> given.incrementAndGet() <= 2 ? () -> { } : null;
        List<WarmUp.Script> scripts = List.of(new WarmUp.Script("a.py", "play(60)\nsleep(0.5)\n"),
                new WarmUp.Script("b.py", "play(64)\nsleep(0.5)\n"), new WarmUp.Script("c.py", "play(67)\nsleep(0.5)\n"));
        WarmUp.Result result = WarmUp.run(SharedRunner.get(), scripts, Files.createDirectories(dir.resolve("s")), gate,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(2, result.renders());
        assertTrue(result.stopped());
        assertEquals(3, given.get(), "asked once more, and stopped there");
    }
}
