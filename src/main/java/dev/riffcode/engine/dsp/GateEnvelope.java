package dev.riffcode.engine.dsp;

/**
 * Gated six-stage envelope with the shape of JSyn's {@code EnvelopeDAHDSR}: delay, linear
 * attack to 1, hold at 1, exponential decay to the sustain level, sustain while the gate is
 * on, exponential release after it goes off.
 *
 * <p>Times: {@code attack} is the time for a full 0 → 1 ramp (a retrigger from level L takes
 * {@code (1 - L) * attack}); {@code decay} and {@code release} are the times to fall by 90 dB,
 * so their <em>rate</em> does not depend on the sustain level; once the level falls below
 * -96 dB it snaps to 0 and the envelope goes idle (also during a decay towards a sustain level
 * of 0). Zero times are allowed and mean an instant jump (a 0 s release cuts to silence, which
 * can click).
 *
 * <p>Gating is sample-accurate by splitting blocks: for an event at frame {@code k} of a block,
 * call {@code process(buf, off, k)}, then {@link #gateOn()} or {@link #gateOff()}, then
 * {@code process(buf, off + k, n - k)}. A {@link #gateOn()} while the envelope is still
 * sounding restarts the delay and attack from the current level, so there is no jump.
 *
 * <p>Parameter setters take effect from the next sample where they apply (the sustain level
 * is read continuously). Never allocates.
 */
public final class GateEnvelope {

    private enum State { IDLE, DELAY, ATTACK, HOLD, DECAY, SUSTAIN, RELEASE }

    /** -96 dB: below this an exponential stage ends at 0. */
    private static final double FLOOR = 1.5849e-5;
    /** ln(10^(-90/20)): the exponent for a 90 dB fall. */
    private static final double LN_MINUS_90DB = -4.5 * Math.log(10.0);

    private final double sampleRate;

    private int delaySamples;
    private double attackIncrement;
    private int holdSamples;
    private double decayFactor;
    private double sustain;
    private double releaseFactor;

    /** One-sample buffer so next() can reuse the block renderer. */
    private final float[] scratch = new float[1];

    private State state = State.IDLE;
    private double level;
    private int countdown;

    /**
     * Creates an envelope with JSyn's defaults: delay 0, attack 0.1 s, hold 0, decay 0.2 s,
     * sustain 0.5, release 0.3 s.
     *
     * @param sampleRate sample rate in Hz
     */
    public GateEnvelope(double sampleRate) {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        setParams(0.0, 0.1, 0.0, 0.2, 0.5, 0.3);
    }

    /**
     * Sets all parameters. Negative or NaN times count as 0; the sustain level is clamped to
     * 0..1.
     *
     * @param delay seconds from gate-on to the start of the attack
     * @param attack seconds for a full 0 → 1 linear ramp
     * @param hold seconds held at 1 after the attack
     * @param decay seconds to fall 90 dB (the decay stops at the sustain level)
     * @param sustainLevel level held while the gate stays on
     * @param release seconds to fall 90 dB after gate-off
     */
    public void setParams(double delay, double attack, double hold, double decay,
            double sustainLevel, double release) {
        setDelay(delay);
        setAttack(attack);
        setHold(hold);
        setDecay(decay);
        setSustain(sustainLevel);
        setRelease(release);
    }

    /**
     * Sets the delay time.
     *
     * @param seconds delay before the attack
     */
    public void setDelay(double seconds) {
        delaySamples = samples(seconds);
    }

    /**
     * Sets the attack time.
     *
     * @param seconds time for a full 0 → 1 ramp; 0 jumps to 1
     */
    public void setAttack(double seconds) {
        double s = seconds > 0 ? seconds * sampleRate : 0.0;
        attackIncrement = s >= 1.0 ? 1.0 / s : Double.POSITIVE_INFINITY;
    }

    /**
     * Sets the hold time.
     *
     * @param seconds time held at 1
     */
    public void setHold(double seconds) {
        holdSamples = samples(seconds);
    }

    /**
     * Sets the decay time.
     *
     * @param seconds time to fall 90 dB; 0 jumps to the sustain level
     */
    public void setDecay(double seconds) {
        decayFactor = factor(seconds);
    }

    /**
     * Sets the sustain level.
     *
     * @param level 0..1 (clamped; NaN gives 0)
     */
    public void setSustain(double level) {
        sustain = level > 0 ? Math.min(1.0, level) : 0.0;
    }

    /**
     * Sets the release time.
     *
     * @param seconds time to fall 90 dB; 0 cuts to silence
     */
    public void setRelease(double seconds) {
        releaseFactor = factor(seconds);
    }

    /** Opens the gate: (re)starts the delay and attack from the current level. */
    public void gateOn() {
        state = State.DELAY;
        countdown = delaySamples;
        if (countdown == 0) {
            startAttack();
        }
    }

    /** Closes the gate: starts the release from the current level, unless idle. */
    public void gateOff() {
        if (state == State.IDLE || state == State.RELEASE) {
            return;
        }
        state = State.RELEASE;
        if (releaseFactor == 0.0) {
            goIdle();
        }
    }

    /**
     * Returns true when the envelope is idle (never gated, or the release has ended).
     *
     * @return whether the output is 0 until the next {@link #gateOn()}
     */
    public boolean isFinished() {
        return state == State.IDLE;
    }

    /**
     * Returns the current level (the last sample output).
     *
     * @return level, 0..1
     */
    public float level() {
        return (float) level;
    }

    /** Forces the envelope idle at level 0. */
    public void reset() {
        goIdle();
    }

    /**
     * Returns the next envelope sample.
     *
     * @return level
     */
    public float next() {
        float[] one = scratch;
        render(one, 0, 1, false);
        return one[0];
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
     * Multiplies {@code buf[off .. off+n)} by the envelope.
     *
     * @param buf audio, scaled in place
     * @param off first index
     * @param n number of samples
     */
    public void processMultiply(float[] buf, int off, int n) {
        render(buf, off, n, true);
    }

    private void render(float[] buf, int off, int n, boolean multiply) {
        int i = off;
        final int end = off + n;
        while (i < end) {
            switch (state) {
                case IDLE:
                    // Level 0: writing or multiplying both give silence.
                    java.util.Arrays.fill(buf, i, end, 0f);
                    return;
                case DELAY:
                case HOLD:
                case SUSTAIN: {
                    // Flat stages: delay keeps the current level, hold is 1, sustain tracks the level.
                    if (state == State.SUSTAIN) {
                        level = sustain;
                    }
                    int run = state == State.SUSTAIN ? end - i : Math.min(end - i, countdown);
                    float v = (float) level;
                    if (multiply) {
                        for (int j = i; j < i + run; j++) {
                            buf[j] *= v;
                        }
                    } else {
                        java.util.Arrays.fill(buf, i, i + run, v);
                    }
                    i += run;
                    if (state != State.SUSTAIN) {
                        countdown -= run;
                        if (countdown == 0) {
                            if (state == State.DELAY) {
                                startAttack();
                            } else {
                                startDecay();
                            }
                        }
                    }
                    break;
                }
                case ATTACK: {
                    double inc = attackIncrement;
                    double l = level;
                    while (i < end) {
                        l += inc;
                        if (l >= 1.0 - 1e-9) {
                            l = 1.0; // absorbs rounding so the ramp takes exactly attack samples
                        }
                        float v = (float) l;
                        buf[i] = multiply ? buf[i] * v : v;
                        i++;
                        if (l == 1.0) {
                            level = l;
                            startHold();
                            break;
                        }
                    }
                    level = l;
                    break;
                }
                case DECAY: {
                    // Step first, then output, so level always equals the last sample written.
                    double f = decayFactor;
                    double floor = Math.max(sustain, FLOOR);
                    double l = level;
                    boolean reached = false;
                    while (i < end) {
                        l *= f;
                        if (l <= floor) {
                            reached = true;
                            break;
                        }
                        float v = (float) l;
                        buf[i] = multiply ? buf[i] * v : v;
                        i++;
                    }
                    level = l;
                    if (reached) {
                        if (sustain >= FLOOR) {
                            level = sustain;
                            state = State.SUSTAIN;
                        } else {
                            goIdle();
                        }
                    }
                    break;
                }
                case RELEASE: {
                    double f = releaseFactor;
                    double l = level;
                    boolean ended = false;
                    while (i < end) {
                        l *= f;
                        if (l < FLOOR) {
                            ended = true;
                            break;
                        }
                        float v = (float) l;
                        buf[i] = multiply ? buf[i] * v : v;
                        i++;
                    }
                    level = l;
                    if (ended) {
                        goIdle();
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
    }

    private void startAttack() {
        if (Double.isInfinite(attackIncrement) || level >= 1.0) {
            level = 1.0;
            startHold();
        } else {
            state = State.ATTACK;
        }
    }

    private void startHold() {
        level = 1.0;
        state = State.HOLD;
        countdown = holdSamples;
        if (countdown == 0) {
            startDecay();
        }
    }

    private void startDecay() {
        if (decayFactor == 0.0 || sustain >= 1.0) {
            level = sustain;
            if (sustain < FLOOR) {
                goIdle();
            } else {
                state = State.SUSTAIN;
            }
        } else {
            state = State.DECAY;
        }
    }

    private void goIdle() {
        state = State.IDLE;
        level = 0.0;
    }

    private int samples(double seconds) {
        if (!(seconds > 0)) {
            return 0;
        }
        return (int) Math.round(Math.min(seconds, 3600.0) * sampleRate);
    }

    /** Per-sample factor for a 90 dB fall in {@code seconds}; 0 means "instant". */
    private double factor(double seconds) {
        if (!(seconds > 0)) {
            return 0.0;
        }
        return Math.exp(LN_MINUS_90DB / (Math.min(seconds, 3600.0) * sampleRate));
    }
}
