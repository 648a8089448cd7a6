package dev.riffcode.live;

/**
 * The shared beat grid that new versions and new loops start on. A tempo change re-anchors the grid on a beat, so
 * beats before it stay where they were and beats after it come at the new tempo.
 */
final class LiveClock {

    private final int sampleRate;
    private long anchorFrame;
    private double bpm;

    LiveClock(int sampleRate, long anchorFrame, double bpm) {
        this.sampleRate = sampleRate;
        this.anchorFrame = anchorFrame;
        this.bpm = bpm;
    }

    double bpm() {
        return bpm;
    }

    double framesPerBeat() {
        return sampleRate * 60.0 / bpm;
    }

    /** The first beat at or after {@code frame}. */
    long nextBeat(long frame) {
        if (frame <= anchorFrame) {
            return anchorFrame;
        }
        double beats = (frame - anchorFrame) / framesPerBeat();
        long whole = (long) Math.ceil(beats - 1e-9);
        return anchorFrame + Math.round(whole * framesPerBeat());
    }

    /** From the beat at {@code beatFrame} on, beats come at {@code newBpm}. */
    void changeTempo(long beatFrame, double newBpm) {
        anchorFrame = beatFrame;
        bpm = newBpm;
    }
}
