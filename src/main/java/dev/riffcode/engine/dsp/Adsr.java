package dev.riffcode.engine.dsp;

/**
 * One-shot ADSR envelope with Sonic Pi semantics: every stage has a duration in seconds,
 * including sustain, so the envelope ends by itself and its length is known up front.
 *
 * <p>Levels move linearly: 0 → {@code attackLevel} over attack, → {@code decayLevel} over
 * decay, → {@code sustainLevel} over sustain, → 0 over release; with the common 5-argument
 * {@link #setParams(double, double, double, double, double)} the attack level is 1 and the
 * decay level equals the sustain level, so sustain holds a constant level.
 *
 * <p>Timing is exact: each stage lasts {@code Math.round(seconds * sampleRate)} samples (5 ms
 * at 44.1 kHz = 220.5 → 221), and {@link #totalSamples()} is their sum. Sample {@code i} of a
 * stage of length {@code L} has the level {@code start + (end - start) * i / L}, so every stage
 * starts exactly on its start level. A zero-length stage is skipped: with attack 0 the first
 * sample is already at the attack level. This class adds no fade of its own; a click-free
 * note start with a 0 s attack is the voice's job (e.g. a few-sample fade-in).
 *
 * <p>Before the first {@link #trigger()} and after the end the output is 0 and
 * {@link #isFinished()} is true. Never allocates.
 */
public final class Adsr {

    /** Longest accepted stage, in seconds (longer values are clamped). */
    public static final double MAX_STAGE_SECONDS = 3600.0;

    private static final int ATTACK = 0;
    private static final int DECAY = 1;
    private static final int SUSTAIN = 2;
    private static final int RELEASE = 3;
    private static final int DONE = 4;

    private final double sampleRate;
    /** Stage lengths in samples, as configured (used from the next trigger). */
    private final int[] nextLength = new int[4];
    /** Level at the start of each stage, as configured; index 4 is the final 0. */
    private final float[] nextLevel = new float[5];
    /** Stage lengths and levels of the note playing now. */
    private final int[] length = new int[4];
    private final float[] level = new float[5];

    private int stage = DONE;
    private int pos;
    /** Start level of the current release, which {@link #release()} may change. */
    private float releaseStart;

    /**
     * Creates an envelope with attack 0, decay 0, sustain 0, release 1 s, sustain level 1
     * (Sonic Pi's defaults).
     *
     * @param sampleRate sample rate in Hz
     */
    public Adsr(double sampleRate) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        setParams(0, 0, 0, 1, 1);
    }

    /**
     * Sets the stage times and sustain level: 0 → 1 → sustainLevel, held, → 0.
     * Takes effect at the next {@link #trigger()}.
     *
     * @param attack attack time in seconds
     * @param decay decay time in seconds
     * @param sustain sustain time in seconds
     * @param release release time in seconds
     * @param sustainLevel level held during sustain
     */
    public void setParams(double attack, double decay, double sustain, double release,
            double sustainLevel) {
        setParams(attack, decay, sustain, release, 1.0, sustainLevel, sustainLevel);
    }

    /**
     * Sets all parameters, as Sonic Pi's {@code attack_level}, {@code decay_level} and
     * {@code sustain_level}. Times that are negative or NaN count as 0; levels that are
     * negative or NaN count as 0. Takes effect at the next {@link #trigger()}.
     *
     * @param attack attack time in seconds
     * @param decay decay time in seconds
     * @param sustain sustain time in seconds
     * @param release release time in seconds
     * @param attackLevel level reached at the end of the attack
     * @param decayLevel level reached at the end of the decay
     * @param sustainLevel level reached at the end of the sustain
     */
    public void setParams(double attack, double decay, double sustain, double release,
            double attackLevel, double decayLevel, double sustainLevel) {
        nextLength[ATTACK] = samples(attack);
        nextLength[DECAY] = samples(decay);
        nextLength[SUSTAIN] = samples(sustain);
        nextLength[RELEASE] = samples(release);
        nextLevel[ATTACK] = 0f;
        nextLevel[DECAY] = level(attackLevel);
        nextLevel[SUSTAIN] = level(decayLevel);
        nextLevel[RELEASE] = level(sustainLevel);
        nextLevel[DONE] = 0f;
    }

    /**
     * Starts the envelope from the beginning (level 0 at the attack's first sample) with the
     * parameters last set. Parameters set while a note plays do not affect that note.
     */
    public void trigger() {
        System.arraycopy(nextLength, 0, length, 0, length.length);
        System.arraycopy(nextLevel, 0, level, 0, level.length);
        stage = ATTACK;
        pos = 0;
        releaseStart = level[RELEASE];
        skipEmptyStages();
    }

    /**
     * Jumps to the release stage now, starting from the current level (for notes cut short).
     * Does nothing if already releasing or finished.
     */
    public void release() {
        if (stage >= RELEASE) {
            return;
        }
        releaseStart = currentLevel();
        stage = RELEASE;
        pos = 0;
        skipEmptyStages();
    }

    /**
     * Returns true once the release has ended (or before the first trigger).
     *
     * @return whether the envelope is silent for good
     */
    public boolean isFinished() {
        return stage == DONE;
    }

    /**
     * Returns the length the next {@link #trigger()} will play: the sum of the stage lengths
     * as last set.
     *
     * @return length in samples
     */
    public long totalSamples() {
        return (long) nextLength[ATTACK] + nextLength[DECAY] + nextLength[SUSTAIN]
                + nextLength[RELEASE];
    }

    /**
     * Returns the level the next sample will have.
     *
     * @return envelope level
     */
    public float currentLevel() {
        if (stage == DONE) {
            return 0f;
        }
        float start = stage == RELEASE ? releaseStart : level[stage];
        return start + (level[stage + 1] - start) * ((float) pos / length[stage]);
    }

    /**
     * Returns the next envelope sample and advances.
     *
     * @return envelope level
     */
    public float next() {
        float v = currentLevel();
        if (stage != DONE && ++pos >= length[stage]) {
            stage++;
            pos = 0;
            skipEmptyStages();
        }
        return v;
    }

    /**
     * Writes the envelope into {@code out[off .. off+n)}.
     *
     * @param out destination
     * @param off first index
     * @param n number of samples
     */
    public void process(float[] out, int off, int n) {
        render(out, off, n, false);
    }

    /**
     * Multiplies {@code buf[off .. off+n)} by the envelope (apply it to a voice's audio).
     *
     * @param buf audio, scaled in place
     * @param off first index
     * @param n number of samples
     */
    public void processMultiply(float[] buf, int off, int n) {
        render(buf, off, n, true);
    }

    /** Renders stage by stage so the inner loops are branch-free ramps. */
    private void render(float[] buf, int off, int n, boolean multiply) {
        int i = off;
        int end = off + n;
        while (i < end) {
            if (stage == DONE) {
                // Level 0: writing or multiplying both give silence.
                java.util.Arrays.fill(buf, i, end, 0f);
                return;
            }
            int len = length[stage];
            int run = Math.min(end - i, len - pos);
            float start = stage == RELEASE ? releaseStart : level[stage];
            float slope = (level[stage + 1] - start) / len;
            int p = pos;
            if (slope == 0f) {
                // Flat stage (typically the sustain): a plain loop the JIT can vectorise.
                if (multiply) {
                    for (int j = i; j < i + run; j++) {
                        buf[j] *= start;
                    }
                } else {
                    java.util.Arrays.fill(buf, i, i + run, start);
                }
            } else if (multiply) {
                for (int j = 0; j < run; j++) {
                    buf[i + j] *= start + slope * (p + j);
                }
            } else {
                for (int j = 0; j < run; j++) {
                    buf[i + j] = start + slope * (p + j);
                }
            }
            i += run;
            pos += run;
            if (pos >= len) {
                stage++;
                pos = 0;
                skipEmptyStages();
            }
        }
    }

    private void skipEmptyStages() {
        while (stage < DONE && length[stage] == 0) {
            stage++;
        }
    }

    private int samples(double seconds) {
        if (!(seconds > 0)) {
            return 0;
        }
        return (int) Math.round(Math.min(seconds, MAX_STAGE_SECONDS) * sampleRate);
    }

    private static float level(double v) {
        return v > 0 ? (float) Math.min(v, 1e6) : 0f;
    }
}
