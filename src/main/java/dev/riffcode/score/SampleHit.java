package dev.riffcode.score;

/**
 * One {@code sample(...)} of a sample file or a clip: the name as the script gave it (the host finds and decodes the
 * file; the score never holds audio or paths), when, and how it plays.
 *
 * <p>The part ({@code start..finish}) plays at {@code rate}, or fitted to {@code stretchBeats} beats. With a loop it
 * repeats in passes that each start on a beat: a pass lasts the stretched length; or, unstretched, a part shorter
 * than a beat plays at its own speed once a beat, and a longer one is fitted to the nearest power of two beats
 * (1, 2, 4, 8, ...), which suits loops of bars and half bars recorded at another tempo.
 *
 * @param time           when it starts, in seconds
 * @param name           the sample's name: {@code "kit/snare"} in the sample folders, or {@code "clip:NAME"}
 * @param rate           playback speed: 2 is an octave up and half as long; negative plays the part backwards
 * @param start          where the part starts, 0..1 of the sample's length
 * @param finish         where it ends, 0..1, more than {@code start}
 * @param loopBeats      0 for one pass of the part; else how many beats the part repeats for
 * @param stretchBeats   0, or how many beats the part is fitted to (Sonic Pi's beat_stretch; {@code rate} then
 *                       speeds it up further)
 * @param secondsPerBeat the tempo where it was played, for the loop and the stretch
 * @param amp            gain (1 plays the file at its own level)
 * @param pan            -1 left .. 1 right
 * @param bus            the effect bus it plays into (0 = main output)
 * @param line           the script line that played it, so errors found on the host (an undecodable file) can name it
 * @param strand         the part that played it: "main", a live_loop's or an in_thread's name
 */
public record SampleHit(double time, String name, double rate, double start, double finish, double loopBeats,
        double stretchBeats, double secondsPerBeat, double amp, double pan, int bus, int line, String strand) {

    public SampleHit {
        strand = strand == null ? "main" : strand;
    }

    /** A hit of the main script. */
    public SampleHit(double time, String name, double rate, double start, double finish, double loopBeats,
            double stretchBeats, double secondsPerBeat, double amp, double pan, int bus, int line) {
        this(time, name, rate, start, finish, loopBeats, stretchBeats, secondsPerBeat, amp, pan, bus, line, "main");
    }

    /** How long the part lasts played at {@code rate}, for a sample {@code sampleSeconds} long. */
    public double regionSeconds(double sampleSeconds) {
        return (finish - start) * sampleSeconds / Math.abs(rate);
    }

    /** How long the part sounds each time it plays: stretched, fitted to a loop's beats, or at its rate. */
    public double soundSeconds(double sampleSeconds) {
        if (stretchBeats > 0) {
            return stretchBeats * secondsPerBeat / Math.abs(rate);
        }
        double region = regionSeconds(sampleSeconds);
        if (!loops() || region < secondsPerBeat) {
            return region;
        }
        return fittedBeats(region / secondsPerBeat) * secondsPerBeat;
    }

    /** How far apart a loop's passes start: what the part sounds, or a whole beat for a part shorter than one. */
    public double passSeconds(double sampleSeconds) {
        double sound = soundSeconds(sampleSeconds);
        return loops() && stretchBeats <= 0 ? Math.max(sound, secondsPerBeat) : sound;
    }

    /** How long the hit sounds in all: the loop's beats, or one pass of the part. */
    public double seconds(double sampleSeconds) {
        return loops() ? loopBeats * secondsPerBeat : soundSeconds(sampleSeconds);
    }

    /** The power of two (1, 2, 4, ...) nearest to {@code beats} (at least 1), nearest as a ratio. */
    static double fittedBeats(double beats) {
        return Math.pow(2, Math.max(0, Math.round(Math.log(beats) / Math.log(2))));
    }

    /** The same hit into another bus (live play moves it to its effect's slot). */
    public SampleHit withBus(int newBus) {
        return new SampleHit(time, name, rate, start, finish, loopBeats, stretchBeats, secondsPerBeat, amp, pan, newBus,
                line, strand);
    }

    public boolean loops() {
        return loopBeats > 0;
    }
}
