package dev.riffcode.hearing;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.PitchClassAnalyzer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * Listens to rendered audio and writes a {@link HearingReport}: length, tempo and metre, pitch
 * classes and key, loudness and true peak, brightness, stereo width, onset density and long
 * silences. The measures themselves live in this package ({@link Loudness}, {@link TruePeak},
 * {@link KeyFinder}, the tempo estimator) and in {@code dev.riffcode.audio} ({@link Onsets},
 * {@link PitchClassAnalyzer}, the same analysis as the generator's pitch check).
 */
public final class Hearing {

    /** A pitch class is reported as played with at least this share of the pitched energy (as the pitch check). */
    public static final double PITCH_SHARE = 0.04;
    /** The pitch analysis, the slowest measure, listens to at most this much from the start. */
    public static final double MAX_PITCH_SECONDS = 120;
    public static final double SILENCE_DBFS = -60;
    public static final double LONG_SILENCE_SECONDS = 2;
    private static final double SILENCE_WINDOW_SECONDS = 0.05;

    private Hearing() {
    }

    public static HearingReport analyze(AudioClip clip) {
        return analyze(clip, null);
    }

    /**
     * As {@link #analyze(AudioClip)}, with the notes and key taken from {@code pitched}: the same
     * piece rendered without its drums, when the caller has the score. Drum sounds have pitches of
     * their own (a kick's body, a tom) that are not notes of the music.
     *
     * @param pitched the pitched parts alone, or null to listen to the whole mix
     */
    public static HearingReport analyze(AudioClip clip, AudioClip pitched) {
        long t0 = System.nanoTime();
        int rate = clip.sampleRate();
        float[] mono = clip.toMono();

        // The two slowest measures, notes and true peak, are heard on a second core meanwhile; the rhythm and the
        // cheap levels here (about the same time on each side for a minute of music).
        CompletableFuture<NotesAndPeak> side = CompletableFuture.supplyAsync(() -> notesAndPeak(clip, mono, pitched));
        SpectralPass spectral = SpectralPass.of(mono, rate);
        double[] onsetTimes = spectral.onsets;
        TempoEstimator.Estimate tempo = tempo(mono, rate, spectral, onsetTimes);
        double lufs = Loudness.integrated(clip);
        double samplePeak = Levels.peakDbfs(clip);
        double[] stereo = stereo(clip);
        List<HearingReport.Silence> silences = silences(clip);
        NotesAndPeak heard = side.join();
        PitchClassAnalyzer.Result pitch = heard.pitch();
        int pitchFrames = heard.pitchFrames();
        int pitchRate = heard.pitchRate();
        double truePeak = heard.truePeak();
        List<String> names = new ArrayList<>();
        for (int pc : pitch.pitchClasses(PITCH_SHARE)) {
            names.add(PitchClassAnalyzer.name(pc));
        }
        KeyFinder.Key key = KeyFinder.find(pitch.share());
        double silent = 0;
        for (HearingReport.Silence s : silences) {
            silent += s.length();
        }
        int onsets = onsetTimes.length;
        double sounding = Math.max(0, clip.durationSeconds() - silent);

        boolean beat = !Double.isNaN(tempo.bpm());
        return new HearingReport(HearingReport.FORMAT, clip.durationSeconds(), rate, clip.channelCount(),
                beat ? round(tempo.bpm(), 1) : null, round(tempo.confidence(), 2),
                beat ? tempo.beatsPerBar() : null, names, round(pitch.share(), 4),
                pitchFrames / (double) pitchRate,
                key == null ? null : key.name(), key == null ? null : round(key.correlation(), 3),
                finite(lufs, 2), finite(truePeak, 2), finite(samplePeak, 2),
                Double.isNaN(spectral.centroidHz) ? null : round(spectral.centroidHz, 0),
                round(stereo[0], 3), Double.isNaN(stereo[1]) ? null : round(stereo[1], 3),
                onsets, sounding <= 0 ? 0 : round(onsets / sounding, 2), silences,
                round((System.nanoTime() - t0) / 1e6, 0));
    }

    /** What {@link #analyze} hears on its second core. */
    private record NotesAndPeak(PitchClassAnalyzer.Result pitch, int pitchFrames, int pitchRate, double truePeak) {
    }

    private static NotesAndPeak notesAndPeak(AudioClip clip, float[] mono, AudioClip pitched) {
        float[] pitchSource = pitched == null ? mono : pitched.toMono();
        int pitchRate = pitched == null ? clip.sampleRate() : pitched.sampleRate();
        int pitchFrames = (int) Math.min(pitchSource.length, Math.round(MAX_PITCH_SECONDS * pitchRate));
        AudioClip pitchPart = AudioClip.mono(pitchRate,
                pitchFrames == pitchSource.length ? pitchSource : Arrays.copyOf(pitchSource, pitchFrames));
        return new NotesAndPeak(new PitchClassAnalyzer().analyze(pitchPart), pitchFrames, pitchRate,
                TruePeak.dbtp(clip));
    }

    private static TempoEstimator.Estimate tempo(float[] mono, int rate, SpectralPass spectral, double[] onsetTimes) {
        double[] accents = new double[onsetTimes.length];
        for (int i = 0; i < onsetTimes.length; i++) {
            accents[i] = spectral.strengthAt(onsetTimes[i], rate);
        }
        return TempoEstimator.estimate(onsetTimes, accents, mono.length / (double) rate);
    }

    /**
     * The tempo alone, as the report would give it (for checks that need nothing else): bpm rounded
     * to 0.1, or empty when no steady beat is heard.
     */
    public static OptionalDouble tempoBpm(AudioClip clip) {
        float[] mono = clip.toMono();
        SpectralPass spectral = SpectralPass.of(mono, clip.sampleRate());
        TempoEstimator.Estimate tempo = tempo(mono, clip.sampleRate(), spectral, spectral.onsets);
        return Double.isNaN(tempo.bpm()) ? OptionalDouble.empty() : OptionalDouble.of(round(tempo.bpm(), 1));
    }

    /**
     * How a heard tempo stands to an asked one: 1 when it is the asked tempo within {@code tolerance}
     * (a share, 0.03 for ±3 %), 0.5 when it is heard at half of it, 2 at double, 0 otherwise. From
     * the audio alone the beat's level is ambiguous (a piece at 60 bpm in eighth notes is heard at
     * 120 as often as not), so half and double time are a match at another level, not a miss.
     */
    public static double tempoLevel(double asked, double heard, double tolerance) {
        for (double level : new double[] {1, 0.5, 2}) {
            if (Math.abs(heard - asked * level) <= tolerance * asked * level) {
                return level;
            }
        }
        return 0;
    }

    /** {side/(mid+side) energy, L/R correlation} (correlation NaN for mono or silence). */
    static double[] stereo(AudioClip clip) {
        if (clip.channelCount() < 2) {
            return new double[] {0, Double.NaN};
        }
        float[] l = clip.channels()[0];
        float[] r = clip.channels()[1];
        double mid = 0;
        double side = 0;
        double ll = 0;
        double rr = 0;
        double lr = 0;
        for (int i = 0; i < l.length; i++) {
            double a = Float.isFinite(l[i]) ? l[i] : 0;
            double b = Float.isFinite(r[i]) ? r[i] : 0;
            mid += (a + b) * (a + b);
            side += (a - b) * (a - b);
            ll += a * a;
            rr += b * b;
            lr += a * b;
        }
        double width = mid + side == 0 ? 0 : side / (mid + side);
        double corr = ll == 0 || rr == 0 ? Double.NaN : lr / Math.sqrt(ll * rr);
        return new double[] {width, corr};
    }

    /** Stretches of at least LONG_SILENCE_SECONDS whose 50 ms windows are all below SILENCE_DBFS in every channel. */
    static List<HearingReport.Silence> silences(AudioClip clip) {
        int rate = clip.sampleRate();
        int window = Math.max(1, (int) Math.round(SILENCE_WINDOW_SECONDS * rate));
        double threshold = Math.pow(10, SILENCE_DBFS / 20);
        double limit = threshold * threshold * window;
        List<HearingReport.Silence> out = new ArrayList<>();
        int runStart = -1;
        int frames = clip.frames();
        for (int start = 0; start < frames; start += window) {
            int end = Math.min(frames, start + window);
            boolean quiet = true;
            for (float[] ch : clip.channels()) {
                double sum = 0;
                for (int i = start; i < end; i++) {
                    float x = ch[i];
                    if (Float.isFinite(x)) {
                        sum += (double) x * x;
                    }
                }
                // Scale a short last window as if it were whole.
                if (sum * window / (end - start) >= limit) {
                    quiet = false;
                    break;
                }
            }
            if (quiet && runStart < 0) {
                runStart = start;
            } else if (!quiet && runStart >= 0) {
                add(out, runStart, start, rate);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            add(out, runStart, frames, rate);
        }
        return out;
    }

    private static void add(List<HearingReport.Silence> out, int from, int to, int rate) {
        if ((to - from) / (double) rate >= LONG_SILENCE_SECONDS) {
            out.add(new HearingReport.Silence(round(from / (double) rate, 2), round(to / (double) rate, 2)));
        }
    }

    private static Double finite(double v, int digits) {
        return Double.isFinite(v) ? round(v, digits) : null;
    }

    static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    private static double[] round(double[] v, int digits) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = round(v[i], digits);
        }
        return out;
    }
}
