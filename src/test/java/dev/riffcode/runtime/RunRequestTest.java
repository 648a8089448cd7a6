package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffcode.studio.RenderOptions;
import org.junit.jupiter.api.Test;

/** A request's defaults, and that each "with" changes its one bound and keeps the others. */
class RunRequestTest {

    @Test
    void eachBoundCanBeChangedAloneFromTheDefaults() {
        RunRequest plain = RunRequest.of("song.py", "play(60)");
        assertEquals(new RunRequest("song.py", "play(60)", RunRequest.DEFAULT_LOOP_SECONDS,
                RunRequest.DEFAULT_MAX_SECONDS, RunRequest.DEFAULT_TIMEOUT_MILLIS), plain);
        double loop = RunRequest.DEFAULT_LOOP_SECONDS;
        double max = RunRequest.DEFAULT_MAX_SECONDS;
        long timeout = RunRequest.DEFAULT_TIMEOUT_MILLIS;
        assertEquals(new RunRequest("song.py", "play(60)", 6, max, timeout), plain.withHorizon(6));
        assertEquals(new RunRequest("song.py", "play(60)", loop, max, 2_000), plain.withTimeout(2_000));
        assertEquals(new RunRequest("song.py", "play(60)", loop, 30, timeout), plain.withMaxSeconds(30));
    }

    @Test
    void theDefaultTimeBoundIsThePromisedTenSeconds() {
        // The number itself, not the constant: the CLI's --timeout default is a separate "10" in RenderFlags.
        assertEquals(10_000, RunRequest.of("song.py", "play(60)").timeoutMillis(), "RunRequest.of");
        assertEquals(10_000, RenderOptions.defaults().timeoutMillis(), "RenderOptions.defaults (Studio, session replay)");
    }
}
