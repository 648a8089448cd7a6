package dev.riffcode.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
