package dev.riffcode.score;

/**
 * One {@code sample(...)} of a sample file or a clip: the name as the script gave it (the host finds and decodes the
 * file; the score never holds audio or paths), when, and how it plays.
 *
 * @param time           when it starts, in seconds
 * @param name           the sample's name: {@code "kit/snare"} in the sample folders, or {@code "clip:NAME"}
 * @param rate           playback speed: 2 is an octave up and half as long; negative plays the region backwards
 * @param start          where the region starts, 0..1 of the sample's length
 * @param finish         where it ends, 0..1, more than {@code start}
 * @param loopBeats      0 for one pass of the region; else how many beats the region repeats for (see
 *                       {@link #passSeconds})
 * @param secondsPerBeat the tempo where it was played, for the loop
 * @param amp            gain (1 plays the file at its own level)
 * @param pan            -1 left .. 1 right
 * @param bus            the effect bus it plays into (0 = main output)
 * @param line           the script line that played it, so errors found on the host (an undecodable file) can name it
 */
public record SampleHit(double time, String name, double rate, double start, double finish, double loopBeats,
        double secondsPerBeat, double amp, double pan, int bus, int line) {

    /** How long one pass of the region lasts at {@code rate}, for a sample {@code sampleSeconds} long. */
    public double regionSeconds(double sampleSeconds) {
        return (finish - start) * sampleSeconds / Math.abs(rate);
    }

    /**
     * How long one pass of a loop lasts: the region's own length rounded to the nearest whole number of beats (at
     * least one), so every pass starts on a beat; the engine plays the region that much faster or slower.
     */
    public double passSeconds(double sampleSeconds) {
        double beats = Math.max(1, Math.round(regionSeconds(sampleSeconds) / secondsPerBeat));
        return beats * secondsPerBeat;
    }

    /** How long the hit sounds: the loop's beats, or one pass of the region. */
    public double seconds(double sampleSeconds) {
        return loopBeats > 0 ? loopBeats * secondsPerBeat : regionSeconds(sampleSeconds);
    }

    /** The same hit into another bus (live play moves it to its effect's slot). */
    public SampleHit withBus(int newBus) {
        return new SampleHit(time, name, rate, start, finish, loopBeats, secondsPerBeat, amp, pan, newBus, line);
    }

    public boolean loops() {
        return loopBeats > 0;
    }
}
