package dev.riffcode.runtime;

import dev.riffcode.score.Score;
import java.util.List;
import java.util.Map;

/**
 * What the live worker made of one request: either an error, or what the code added to the music.
 *
 * @param id       the request's id
 * @param error    the script's error (with its line), a time or memory limit, or a crashed worker; null when it ran
 * @param score    what it played, with times from 0 (the version's first beat, or the pass's start); effects, units,
 *                 connections and routes are the ones new since the version's last answer
 * @param length   how far time moved: where the top level's time ended, or how long the pass is (seconds)
 * @param bpm      the tempo at the end of the top level ({@code install})
 * @param loops    the live loops the version defines, in order ({@code install})
 * @param ticks    the loop's tick counters after the pass ({@code pass})
 * @param printed  what the code printed while it ran (bounded)
 * @param millis   time the worker spent on it
 * @param fatal    the worker could not stop the code and is exiting; every installed version is lost
 */
public record LiveAnswer(long id, ScriptError error, Score score, double length, double bpm, List<LoopInfo> loops,
        Map<String, Integer> ticks, String printed, double millis, boolean fatal) {

    /**
     * A live loop of a version.
     *
     * @param line  the line where it is declared (its {@code @live_loop})
     * @param start where the top level's time stood when it was declared (seconds from the version's first beat)
     */
    public record LoopInfo(String name, int line, double start) {
    }

    public boolean ok() {
        return error == null;
    }

    static LiveAnswer failed(long id, ScriptError error, String printed, boolean fatal) {
        return new LiveAnswer(id, error, null, 0, 0, List.of(), Map.of(), printed == null ? "" : printed, 0, fatal);
    }
}
