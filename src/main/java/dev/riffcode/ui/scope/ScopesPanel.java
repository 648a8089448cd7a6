package dev.riffcode.ui.scope;

import dev.riffcode.audio.Spectrum;
import dev.riffcode.engine.realtime.AudioLoop;
import dev.riffcode.engine.realtime.Scope;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JPanel;
import javax.swing.Timer;

/**
 * The scopes of the sound being played, side by side: a waveform (the latest 30 ms, triggered so a steady tone
 * stands still), a scrolling spectrogram (log frequency, 30 Hz to 20 kHz, the last several seconds) and a stereo
 * level meter with a clip light.
 *
 * <p>A Swing timer pulls the latest frames about 30 times a second ({@link #start()}, {@link #stop()}) and repaints.
 * The audio thread is only read through the {@link Scope}'s and the stats' lock-free reads, and a frame's work
 * (one copy, one FFT, a column of pixels) reuses its buffers. Use it on the event dispatch thread, like all Swing.
 */
public final class ScopesPanel extends JPanel {

    static final int FRAMES_PER_SECOND = 30;
    /** How much sound the waveform spans. */
    static final double SWEEP_SECONDS = 0.03;
    /** How fast the spectrogram scrolls: 40 px/s shows about ten seconds on a 400 px plot. */
    static final int COLUMNS_PER_SECOND = 40;
    /** How long the clip light stays lit after the last sample that reached the ceiling. */
    static final long CLIP_HOLD_NANOS = 1_000_000_000L;

    private final Feed live;
    private final LongSupplier clock;
    private final Timer timer;
    private final WaveformView waveform = new WaveformView();
    private final SpectrogramView spectrogram = new SpectrogramView();
    private final LevelMeter meter = new LevelMeter();

    private Feed feed;
    private float[] left = new float[0];
    private float[] right = new float[0];
    private float[] mono = new float[0];
    private Spectrum spectrum;
    private double[] magnitudes;
    private int sweepFrames;
    private int hopFrames;
    /** The frame position up to which the spectrogram has columns; Long.MIN_VALUE before the first. */
    private long columnsUpTo;
    private boolean clipSeen;
    private long lastClipNanos;

    /**
     * @param tap        the audio loop's scope tap (the latest frames as played), at least 4096 frames for the
     *                   spectrogram's full resolution; null when there is no sound device, see
     *                   {@link #showRendered}
     * @param stats      the audio loop's stats, for the peak meter and the clip light (needed with a tap; it may
     *                   return null while no loop runs)
     * @param sampleRate the tap's sample rate
     */
    public ScopesPanel(Scope tap, Supplier<AudioLoop.Stats> stats, int sampleRate) {
        this(tap, stats, sampleRate, System::nanoTime);
    }

    /** With a clock of one's own, so that tests can play rendered audio without waiting for it. */
    ScopesPanel(Scope tap, Supplier<AudioLoop.Stats> stats, int sampleRate, LongSupplier clock) {
        super(new GridBagLayout());
        this.clock = clock;
        this.live = tap == null ? null : new LiveFeed(tap, stats, sampleRate);
        getAccessibleContext().setAccessibleName("Scopes");
        setToolTipText("Scopes of the sound being played");
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        GridBagConstraints c = new GridBagConstraints();
        c.fill = GridBagConstraints.BOTH;
        c.weighty = 1;
        c.insets = new Insets(0, 0, 0, 6);
        c.weightx = 1;
        add(waveform, c);
        c.weightx = 2;
        add(spectrogram, c);
        c.weightx = 0;
        c.insets = new Insets(0, 0, 0, 0);
        add(meter, c);
        timer = new Timer(1000 / FRAMES_PER_SECOND, e -> tick());
        if (live != null) {
            use(live);
        }
    }

    /** Starts pulling the sound and repainting, about 30 times a second. */
    public void start() {
        timer.start();
    }

    /** Stops pulling and repainting (when the panel is hidden, or the window closes). */
    public void stop() {
        timer.stop();
    }

    public boolean isRunning() {
        return timer.isRunning();
    }

    /**
     * Shows audio rendered offline (used when there is no sound device) as if it were playing now: the scopes move
     * through it in real time from this call on, then show silence. Not the whole spectrogram at once: the user
     * pressed Run to hear the piece, so the scopes go along with it the way they do live, pass positions and time
     * read the same in both cases, and the waveform and meter only mean something at a moment in time. The arrays are
     * read, not copied: do not change them afterwards.
     *
     * @param audio one channel, or two (left and right) of the same length; full scale is 1
     */
    public void showRendered(float[][] audio, int sampleRate) {
        use(new RenderedFeed(audio, sampleRate, clock.getAsLong()));
    }

    /** Goes back to the live sound after {@link #showRendered}. */
    public void showLive() {
        if (live == null) {
            throw new IllegalStateException("these scopes were made without a live tap");
        }
        use(live);
    }

    private void use(Feed source) {
        feed = source;
        int rate = source.sampleRate();
        // About a tenth of a second per FFT (4096 frames at 44.1 or 48 kHz): 11 Hz bins resolve bass notes.
        int frames = Math.min(Integer.highestOneBit(Math.max(64, rate / 8)), source.capacity());
        if (frames < 64) {
            throw new IllegalArgumentException("the scope tap holds only " + frames
                    + " frames; it needs 64 at least, 4096 for full resolution");
        }
        if (left.length != frames) {
            left = new float[frames];
            right = new float[frames];
            mono = new float[frames];
        }
        if (spectrum == null || spectrum.size() != frames || spectrum.binHz() != (double) rate / frames) {
            spectrum = new Spectrum(frames, rate);
            magnitudes = new double[spectrum.bins()];
        }
        spectrogram.setBins(spectrum.bins(), spectrum.binHz());
        sweepFrames = Math.min((int) Math.round(rate * SWEEP_SECONDS), frames / 2);
        hopFrames = Math.max(1, rate / COLUMNS_PER_SECOND);
        columnsUpTo = Long.MIN_VALUE;
        clipSeen = false;
        waveform.clear();
        meter.show(0, 0, 0, 0, false);
        repaint();
    }

    /** One frame of the display: pull the latest sound, update the three scopes, repaint. */
    void tick() {
        if (feed == null) {
            return;
        }
        long now = clock.getAsLong();
        long end = feed.copyLatest(left, right, now);
        for (int i = 0; i < mono.length; i++) {
            mono[i] = 0.5f * (left[i] + right[i]);
        }
        waveform.show(mono, mono.length, sweepFrames);
        if (columnsUpTo == Long.MIN_VALUE || end < columnsUpTo) {
            columnsUpTo = end - hopFrames; // the first column, or a source that started over
        }
        // Columns follow the audio's clock, not the timer's: the picture scrolls at a steady pace whatever the
        // timer's jitter, and stands still when the sound stops coming.
        long columns = (end - columnsUpTo) / hopFrames;
        if (columns > 0) {
            spectrum.magnitudes(mono, 0, magnitudes);
            spectrogram.addColumns(magnitudes, (int) Math.min(columns, Integer.MAX_VALUE));
            columnsUpTo += columns * hopFrames;
        }
        if (feed.clipped()) {
            clipSeen = true;
            lastClipNanos = now;
        }
        boolean clipLit = clipSeen && now - lastClipNanos < CLIP_HOLD_NANOS;
        meter.show(feed.peakLeft(), feed.peakRight(), rms(left), rms(right), clipLit);
        repaint();
    }

    private static float rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return (float) Math.sqrt(sum / x.length);
    }

    WaveformView waveform() {
        return waveform;
    }

    SpectrogramView spectrogram() {
        return spectrogram;
    }

    LevelMeter meter() {
        return meter;
    }
}
