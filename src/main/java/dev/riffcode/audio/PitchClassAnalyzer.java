package dev.riffcode.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which pitch classes a piece of (possibly polyphonic) audio plays, by energy share.
 *
 * <p>The point is to report the notes played, not every partial heard: a sawtooth on A has
 * strong partials on E and C# (its 3rd and 5th harmonics) that must not count as played E or C#.
 *
 * <p>Method, per STFT frame (Hann window of about 186 ms, hop a quarter of that):
 *
 * <ol>
 *   <li>Pick spectral peaks that stand well clear of the local noise floor, so noise (drums,
 *       breath) yields almost none.
 *   <li>Multi-pitch estimation by iterative estimate-and-cancel: score every candidate MIDI note
 *       from E1 to C8 by the weighted sum of the peaks at its harmonics (its fundamental must be
 *       present), take the best, remove its partials from the peak list, repeat while something
 *       salient remains (at most six notes per frame).
 *   <li>Partials are removed only up to the level a smooth harmonic envelope predicts (the mean of
 *       the neighbouring harmonics), so a partial shared with another note keeps that note's part.
 *   <li>Below 130 Hz a note must have an overtone: a kick drum's body is a low, almost pure sine.
 *       So pure sine sub-bass is not reported (a bass with harmonics is, down to E1).
 * </ol>
 *
 * <p>Each detected note's energy (the power of the partials removed for it) is added to its pitch
 * class, summed over all frames: louder and longer notes weigh more, so one wrong note held for
 * a beat in an eight-beat phrase shows up with a share of a few percent. An instance holds only
 * settings and may be shared between threads.
 */
public final class PitchClassAnalyzer {
    /** Pitch-class names, index 0 = C. */
    private static final String[] NAMES =
            {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

    private static final int MIN_MIDI = 28; // E1, 41 Hz: the low string of a bass
    private static final int MAX_MIDI = 108; // C8, 4186 Hz: the top of a piano
    private static final int MAX_NOTES_PER_FRAME = 6;
    private static final int MAX_HARMONICS = 16;
    private static final double MAX_PARTIAL_HZ = 10_000;
    /** Frame length; long enough to separate the partials of E1 (41 Hz apart). */
    private static final double FRAME_SECONDS = 0.186;
    /** A partial may be this far from an exact harmonic of the candidate (a semitone is 100). */
    private static final double TOLERANCE_CENTS = 50;
    /** A peak must rise this far over the local mean log-magnitude: 13 dB, rare for noise. */
    private static final double PEAK_OVER_FLOOR = 4.5;
    /** Width (each side) of the band over which the local floor is averaged. */
    private static final double FLOOR_HALF_WIDTH_HZ = 150;
    /** Peaks more than 60 dB below the frame's strongest, or under -100 dBFS, are ignored. */
    private static final double MIN_PEAK_RELATIVE = 1e-3;
    private static final double MIN_PEAK_ABSOLUTE = 1e-5;
    /** Later notes in a frame must reach this fraction of the first note's salience. */
    private static final double MIN_RELATIVE_SALIENCE = 0.1;
    /**
     * Below this a note needs an overtone (2nd to 4th harmonic at 1% or more of the fundamental):
     * a kick drum's body is a low, nearly pure sine and is not a played note. The cost is that
     * pure sine sub-bass is not reported either (a bass with any harmonics is).
     */
    private static final double PURE_SINE_LIMIT_HZ = 130;
    private static final double MIN_OVERTONE = 0.01;
    /*
     * Computed once: the salience search asks for them about ten million times in a minute of music, and Math.pow
     * there was most of the analysis' time.
     */
    /** Each candidate's fundamental in Hz, by MIDI note. */
    private static final double[] FUNDAMENTAL_HZ = new double[MAX_MIDI + 1];
    /** The square root of each harmonic number (a partial's weight in the salience is its inverse). */
    private static final double[] SQRT_HARMONIC = new double[MAX_HARMONICS + 1];
    /** The tolerance as a frequency ratio. */
    private static final double TOLERANCE_RATIO = Math.pow(2, TOLERANCE_CENTS / 1200);

    static {
        for (int midi = MIN_MIDI; midi <= MAX_MIDI; midi++) {
            FUNDAMENTAL_HZ[midi] = 440 * Math.pow(2, (midi - 69) / 12.0);
        }
        for (int h = 1; h <= MAX_HARMONICS; h++) {
            SQRT_HARMONIC[h] = Math.sqrt(h);
        }
    }

    /**
     * A note found in consecutive frames.
     *
     * @param midi MIDI note number (69 = A4 = 440 Hz)
     * @param startSec centre of the first frame it was found in (frames are ~186 ms long, so
     *     times are rough)
     * @param endSec end of the last frame's hop
     * @param energy summed power of its partials over those frames
     */
    public record DetectedNote(int midi, double startSec, double endSec, double energy) {
        /** Pitch class, 0 = C. */
        public int pitchClass() {
            return Math.floorMod(midi, 12);
        }
    }

    /**
     * Result of an analysis.
     *
     * @param share energy share of each pitch class (index 0 = C); sums to 1, or is all zeros if
     *     nothing pitched was found
     * @param noteEnergy summed energy per detected MIDI note, ascending by note
     * @param notes detected notes in order of start time
     */
    public record Result(double[] share, Map<Integer, Double> noteEnergy,
            List<DetectedNote> notes) {
        /** A copy of the shares, so the result stays unchanged. */
        @Override
        public double[] share() {
            return share.clone();
        }

        /** Pitch classes whose share is at least {@code minShare} (e.g. 0.03), ascending. */
        public Set<Integer> pitchClasses(double minShare) {
            Set<Integer> out = new TreeSet<>();
            for (int pc = 0; pc < 12; pc++) {
                if (share[pc] > 0 && share[pc] >= minShare) {
                    out.add(pc);
                }
            }
            return out;
        }

        /** The pitch class with the largest share, or -1 if nothing pitched was found. */
        public int strongest() {
            int best = -1;
            for (int pc = 0; pc < 12; pc++) {
                if (share[pc] > 0 && (best < 0 || share[pc] > share[best])) {
                    best = pc;
                }
            }
            return best;
        }

        /** Shares as text, strongest first, e.g. "A 0.52, C# 0.25, E 0.23". */
        @Override
        public String toString() {
            Integer[] order = new Integer[12];
            for (int i = 0; i < 12; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(share[b], share[a]));
            StringBuilder sb = new StringBuilder();
            for (int pc : order) {
                if (share[pc] >= 0.005) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(name(pc))
                            .append(String.format(" %.2f", share[pc]));
                }
            }
            return sb.length() == 0 ? "(no pitched content)" : sb.toString();
        }
    }

    /** Name of a pitch class: 0 = "C", 1 = "C#" ... 11 = "B". */
    public static String name(int pitchClass) {
        return NAMES[Math.floorMod(pitchClass, 12)];
    }

    /** Analyses the clip (channels are mixed to mono first). */
    public Result analyze(AudioClip clip) {
        float[] mono = clip.toMono();
        double rate = clip.sampleRate();
        int size = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * rate * 1.5));
        int hop = size / 4;
        Spectrum spectrum = new Spectrum(size, rate);
        double[] mags = new double[spectrum.bins()];
        Peaks peaks = new Peaks(spectrum.bins());

        double[] pcEnergy = new double[12];
        Map<Integer, Double> noteEnergy = new TreeMap<>();
        List<DetectedNote> notes = new ArrayList<>();
        Map<Integer, DetectedNote> open = new HashMap<>(); // notes found in the previous frame

        // Frame centres at 0, hop, 2*hop ... up to the end of the clip.
        for (int centre = 0; centre < mono.length + hop; centre += hop) {
            spectrum.magnitudes(mono, centre - size / 2, mags);
            peaks.find(mags, spectrum, FLOOR_HALF_WIDTH_HZ / spectrum.binHz());
            Map<Integer, Double> found = estimateNotes(peaks);

            double t = centre / rate;
            Map<Integer, DetectedNote> next = new HashMap<>();
            for (Map.Entry<Integer, Double> e : found.entrySet()) {
                int midi = e.getKey();
                double energy = e.getValue();
                pcEnergy[midi % 12] += energy;
                noteEnergy.merge(midi, energy, Double::sum);
                DetectedNote before = open.remove(midi);
                next.put(midi, before == null
                        ? new DetectedNote(midi, t, t + hop / rate, energy)
                        : new DetectedNote(midi, before.startSec(), t + hop / rate,
                                before.energy() + energy));
            }
            notes.addAll(open.values()); // ended in the previous frame
            open = next;
        }
        notes.addAll(open.values());
        notes.sort((a, b) -> a.startSec() != b.startSec()
                ? Double.compare(a.startSec(), b.startSec()) : Integer.compare(a.midi(), b.midi()));

        double total = Arrays.stream(pcEnergy).sum();
        double[] share = new double[12];
        for (int pc = 0; pc < 12 && total > 0; pc++) {
            share[pc] = pcEnergy[pc] / total;
        }
        return new Result(share, Collections.unmodifiableMap(noteEnergy),
                Collections.unmodifiableList(notes));
    }

    /** Iterative estimate-and-cancel on one frame's peaks; returns MIDI note to energy. */
    private static Map<Integer, Double> estimateNotes(Peaks peaks) {
        Map<Integer, Double> found = new HashMap<>();
        boolean[] taken = new boolean[MAX_MIDI + 1]; // found's keys, looked up without boxing in the loop below
        double firstSalience = 0;
        int[] match = new int[MAX_HARMONICS + 1];
        while (found.size() < MAX_NOTES_PER_FRAME && peaks.count > 0) {
            int bestMidi = -1;
            double bestSalience = 0;
            for (int midi = MIN_MIDI; midi <= MAX_MIDI; midi++) {
                if (!taken[midi]) {
                    double s = salience(peaks, midi, match);
                    if (s > bestSalience) {
                        bestSalience = s;
                        bestMidi = midi;
                    }
                }
            }
            if (bestMidi < 0 || bestSalience < MIN_RELATIVE_SALIENCE * firstSalience) {
                break;
            }
            if (found.isEmpty()) {
                firstSalience = bestSalience;
            }
            salience(peaks, bestMidi, match); // refill match[] for the winner
            found.put(bestMidi, cancel(peaks, match));
            taken[bestMidi] = true;
        }
        return found;
    }

    /**
     * Harmonic-sum salience of a candidate note over the residual peaks: the sum of the matched
     * partials' amplitudes, harmonic h weighted by 1/sqrt(h) so that a note an octave below the
     * true one (which would match every partial as an even harmonic) scores lower. Zero if the
     * fundamental itself is missing. Fills {@code match[h]} with the peak index of harmonic h, or
     * -1.
     */
    private static double salience(Peaks peaks, int midi, int[] match) {
        double f0 = FUNDAMENTAL_HZ[midi];
        Arrays.fill(match, -1);
        double sum = 0;
        for (int h = 1; h <= MAX_HARMONICS && h * f0 <= MAX_PARTIAL_HZ; h++) {
            int p = peaks.strongestNear(h * f0);
            if (p < 0) {
                if (h == 1) {
                    return 0;
                }
                continue;
            }
            match[h] = p;
            sum += peaks.residual[p] / SQRT_HARMONIC[h];
        }
        if (f0 < PURE_SINE_LIMIT_HZ && !hasOvertone(peaks, match)) {
            return 0;
        }
        return sum;
    }

    private static boolean hasOvertone(Peaks peaks, int[] match) {
        double fundamental = peaks.residual[match[1]];
        for (int h = 2; h <= 4; h++) {
            if (match[h] >= 0 && peaks.residual[match[h]] >= MIN_OVERTONE * fundamental) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes a detected note's partials from the residual and returns their power. The
     * fundamental is removed whole; harmonic h at most down by the mean of its nearest matched
     * neighbours (a smooth spectral envelope), leaving any excess to the note that shares it.
     */
    private static double cancel(Peaks peaks, int[] match) {
        double[] amp = new double[match.length];
        for (int h = 1; h < match.length; h++) {
            amp[h] = match[h] < 0 ? 0 : peaks.residual[match[h]];
        }
        double power = 0;
        for (int h = 1; h < match.length; h++) {
            if (match[h] < 0) {
                continue;
            }
            double removed = amp[h];
            if (h > 1) {
                double neighbours = 0;
                int n = 0;
                for (int j = h - 1; j >= 1; j--) {
                    if (match[j] >= 0) {
                        neighbours += amp[j];
                        n++;
                        break;
                    }
                }
                for (int j = h + 1; j < match.length; j++) {
                    if (match[j] >= 0) {
                        neighbours += amp[j];
                        n++;
                        break;
                    }
                }
                removed = Math.min(amp[h], neighbours / n);
            }
            peaks.residual[match[h]] -= removed;
            power += removed * removed / 2; // a sine of amplitude A has power A²/2
        }
        return power;
    }

    /** Spectral peaks of one frame, ascending in frequency, with amplitudes still unexplained. */
    private static final class Peaks {
        final double[] freq;
        final double[] residual;
        final double[] prefix;
        int count;

        Peaks(int bins) {
            freq = new double[bins];
            residual = new double[bins];
            prefix = new double[bins + 1];
        }

        /** Finds the local maxima that clear the local floor (mean log-magnitude nearby). */
        void find(double[] mags, Spectrum spectrum, double halfWidthBins) {
            count = 0;
            double max = 0;
            for (double m : mags) {
                max = Math.max(max, m);
            }
            int w = Math.max(2, (int) Math.round(halfWidthBins));
            int top = Math.min(mags.length - 2,
                    (int) (MAX_PARTIAL_HZ * 1.05 / spectrum.binHz()));
            // The floor of a peak reaches w bins above it at most: the logarithms above that (half the spectrum
            // and more, and the slowest part of the pitch analysis) are never read.
            int logged = Math.min(mags.length, top + w + 1);
            for (int k = 0; k < logged; k++) {
                prefix[k + 1] = prefix[k] + Math.log(mags[k] + 1e-12);
            }
            double minPeak = Math.max(MIN_PEAK_ABSOLUTE, max * MIN_PEAK_RELATIVE);
            for (int k = 1; k <= top; k++) {
                if (mags[k] < minPeak || mags[k] <= mags[k - 1] || mags[k] < mags[k + 1]) {
                    continue;
                }
                int lo = Math.max(0, k - w);
                int hi = Math.min(mags.length, k + w + 1);
                double floor = Math.exp((prefix[hi] - prefix[lo]) / (hi - lo));
                if (mags[k] < PEAK_OVER_FLOOR * floor) {
                    continue;
                }
                Spectrum.Peak p = spectrum.interpolatePeak(mags, k);
                freq[count] = p.frequency();
                residual[count] = p.magnitude();
                count++;
            }
        }

        /** Index of the peak with the largest residual within the tolerance of f, or -1. */
        int strongestNear(double f) {
            double ratio = TOLERANCE_RATIO;
            double lo = f / ratio;
            double hi = f * ratio;
            int i = lowerBound(lo);
            int best = -1;
            for (; i < count && freq[i] <= hi; i++) {
                if (residual[i] > 0 && (best < 0 || residual[i] > residual[best])) {
                    best = i;
                }
            }
            return best;
        }

        private int lowerBound(double f) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (freq[mid] < f) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
