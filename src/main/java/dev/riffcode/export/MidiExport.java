package dev.riffcode.export;

import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.Score;
import dev.riffcode.score.TempoChange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * A score as a Standard MIDI File (type 1), written with the JDK's {@code javax.sound.midi}: a first track with the
 * tempo map, then one track per part (named after it, as the stems are), each note with its velocity from its amp,
 * a General MIDI program per synth and the drums on channel 10.
 *
 * <p>Times: the score's times are seconds. The tempo map is the main script's {@code use_bpm} changes, so a
 * sequencer's bars are the piece's; every note is placed by its seconds through that map, so a part that keeps a
 * tempo of its own still lands where it sounds. Ticks per quarter note are chosen so a tick is at most 1 ms at the
 * slowest tempo (960 or more), so no note is off by more than 0.5 ms. A tempo under 3.6 bpm, slower than a MIDI file
 * can state, is written as 3.6 bpm; its notes still land at their seconds.
 *
 * <p>What a MIDI file cannot say is left out and counted in {@link Result#leftOut()}: unit-generator graphs (no
 * notes), sample files with no drum name, looping samples, effects, pan, and the synths' own timbres (a GM program
 * is the nearest instrument). Fractional notes are rounded to the nearest key.
 */
public final class MidiExport {

    /** Channel 10 in MIDI's own numbering: General MIDI's percussion channel. */
    static final int DRUM_CHANNEL = 9;
    private static final int MIN_TICKS_PER_QUARTER = 960;
    /** Sonic Pi's default amp 1 gives this velocity. */
    private static final int VELOCITY_AT_AMP_1 = 100;
    /** How long a drum hit is held: GM drums ring out on their own, the note-off only has to come. */
    private static final double DRUM_HOLD_SECONDS = 0.1;

    /** General MIDI programs (0-based) for the pitched synths: the nearest instrument by sound. */
    static final Map<String, Integer> PROGRAMS = Map.of(
            "sine", 79,        // Ocarina: nearly a pure tone
            "tri", 73,         // Flute: mellow, weak odd harmonics
            "square", 80,      // Lead 1 (square)
            "saw", 81,         // Lead 2 (sawtooth)
            "supersaw", 90,    // Pad 3 (polysynth): detuned saws
            "pad", 89,         // Pad 2 (warm)
            "pluck", 24,       // Acoustic Guitar (nylon): a plucked string
            "fm", 4,           // Electric Piano 1: the classic two-operator FM sound
            "noise", 122);     // Seashore: filtered noise

    /** General MIDI drum keys for the drum synths. */
    static final Map<String, Integer> DRUM_SYNTHS = Map.of("kick", 36, "snare", 38, "hat", 42);

    /** GM drum keys for sample names, by a word in the file's name (kit/snare, builtin/kick, my-clap...). */
    private static final Map<String, Integer> DRUM_WORDS = orderedDrumWords();

    private MidiExport() {
    }

    private static Map<String, Integer> orderedDrumWords() {
        Map<String, Integer> words = new LinkedHashMap<>();
        words.put("kick", 36);
        words.put("bd", 36);
        words.put("snare", 38);
        words.put("sd", 38);
        words.put("clap", 39);
        words.put("openhat", 46);
        words.put("open_hat", 46);
        words.put("hat", 42);
        words.put("hh", 42);
        words.put("crash", 49);
        words.put("ride", 51);
        words.put("tom", 45);
        words.put("cowbell", 56);
        words.put("rim", 37);
        return words;
    }

    /**
     * What was written.
     *
     * @param ticksPerQuarter the file's resolution
     * @param notes           note-on events written
     * @param leftOut         what the file could not hold, in words (empty when nothing was left out)
     */
    public record Result(int tracks, int ticksPerQuarter, int notes, List<String> leftOut) {
    }

    /** One note to write: when (seconds), how long, which key, how hard, on which channel. */
    private record MidiNote(String strand, double time, double seconds, int key, int velocity, int channel, int program) {
    }

    /** Writes the score as a type-1 MIDI file at {@code target}, whole (a temporary file, then a rename) or not at all. */
    public static Result write(Score score, Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            Result result;
            try (OutputStream out = Files.newOutputStream(temp)) {
                result = write(score, out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the score as a type-1 MIDI file to {@code out}. */
    public static Result write(Score score, OutputStream out) throws IOException {
        List<String> leftOut = new ArrayList<>();
        List<MidiNote> notes = notes(score, leftOut);
        TempoMap map = new TempoMap(score.tempo());
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, map.ticksPerQuarter);
            Track conductor = sequence.createTrack();
            conductor.add(meta(0x03, "tempo".getBytes(StandardCharsets.US_ASCII), 0));
            for (TempoMap.Segment s : map.segments) {
                int mpq = s.microsPerQuarter;
                conductor.add(meta(0x51, new byte[] {(byte) (mpq >> 16), (byte) (mpq >> 8), (byte) mpq}, s.startTick));
            }
            Map<String, Track> tracks = new LinkedHashMap<>();
            for (String strand : score.strands()) {
                if (notes.stream().anyMatch(n -> n.strand().equals(strand))) {
                    Track t = sequence.createTrack();
                    t.add(meta(0x03, strand.getBytes(StandardCharsets.UTF_8), 0));
                    tracks.put(strand, t);
                }
            }
            Map<String, TreeSet<Integer>> programsSet = new HashMap<>();
            for (MidiNote n : notes) {
                Track t = tracks.get(n.strand());
                if (n.channel() != DRUM_CHANNEL
                        && programsSet.computeIfAbsent(n.strand(), k -> new TreeSet<>()).add(n.channel())) {
                    t.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, n.channel(), n.program(), 0), 0));
                }
                long on = map.tick(n.time());
                long off = Math.max(on + 1, map.tick(n.time() + n.seconds()));
                t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, n.channel(), n.key(), n.velocity()), on));
                t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, n.channel(), n.key(), 0), off));
            }
            MidiSystem.write(sequence, 1, out);
            return new Result(sequence.getTracks().length, map.ticksPerQuarter, notes.size(), leftOut);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("a MIDI event out of range: " + e.getMessage(), e);
        }
    }

    private static MidiEvent meta(int type, byte[] data, long tick) throws InvalidMidiDataException {
        return new MidiEvent(new MetaMessage(type, data, data.length), tick);
    }

    /** The score's notes and drum hits as MIDI notes, each ended before the next of the same key on its channel. */
    private static List<MidiNote> notes(Score score, List<String> leftOut) {
        List<MidiNote> notes = new ArrayList<>();
        // A channel per GM program, so parts that share a synth share its channel (at most 9 of the 15).
        Map<Integer, Integer> channelOf = new HashMap<>();
        for (NoteEvent n : score.notes()) {
            Integer drum = DRUM_SYNTHS.get(n.synth());
            if (drum != null) {
                notes.add(new MidiNote(n.strand(), n.time(), DRUM_HOLD_SECONDS, drum, velocity(n.amp()), DRUM_CHANNEL,
                        0));
                continue;
            }
            int program = PROGRAMS.getOrDefault(n.synth(), 0);
            int channel = channelOf.computeIfAbsent(program, p -> channelOf.size() < DRUM_CHANNEL ? channelOf.size()
                    : channelOf.size() + 1);
            int key = (int) Math.max(0, Math.min(127, Math.round(n.note())));
            notes.add(new MidiNote(n.strand(), n.time(), n.duration(), key, velocity(n.amp()), channel, program));
        }
        int unnamed = 0;
        int loops = 0;
        for (SampleHit h : score.samples()) {
            OptionalInt drum = drumKey(h.name());
            if (h.loops()) {
                loops++;
            } else if (drum.isEmpty()) {
                unnamed++;
            } else {
                notes.add(new MidiNote(h.strand(), h.time(), DRUM_HOLD_SECONDS, drum.getAsInt(), velocity(h.amp()),
                        DRUM_CHANNEL, 0));
            }
        }
        if (unnamed > 0) {
            leftOut.add(unnamed + " hit(s) of sample files with no drum in their name (kick, snare, hat, clap...)");
        }
        if (loops > 0) {
            leftOut.add(loops + " looping sample(s)");
        }
        if (!score.graph().outputs().isEmpty() || score.graph().units().stream().anyMatch(u -> u.type().equals("LineOut"))) {
            leftOut.add("the unit-generator graph (" + score.graph().units().size() + " units; it plays no notes)");
        }
        notes.sort(Comparator.comparingDouble(MidiNote::time));
        return endBeforeTheNextOfTheSameKey(notes);
    }

    /** A repeated key on one channel: the earlier note ends where the next starts, or its note-off would cut it. */
    private static List<MidiNote> endBeforeTheNextOfTheSameKey(List<MidiNote> notes) {
        List<MidiNote> out = new ArrayList<>(notes);
        Map<Integer, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            MidiNote n = out.get(i);
            Integer prev = lastIndex.put(n.channel() * 128 + n.key(), i);
            if (prev != null) {
                MidiNote p = out.get(prev);
                if (p.time() + p.seconds() > n.time()) {
                    out.set(prev, new MidiNote(p.strand(), p.time(), n.time() - p.time(), p.key(), p.velocity(),
                            p.channel(), p.program()));
                }
            }
        }
        return out;
    }

    /**
     * Velocity from amp: General MIDI synthesizers play a velocity v at about (v / 127)² of full amplitude, so the
     * velocity goes with the square root of amp; amp 1 is {@value #VELOCITY_AT_AMP_1}, amp 1.6 or more is 127.
     */
    static int velocity(double amp) {
        return (int) Math.max(1, Math.min(127, Math.round(VELOCITY_AT_AMP_1 * Math.sqrt(Math.max(0, amp)))));
    }

    /** The GM drum key for a sample's name, by a word in its last part; empty when it names no drum. */
    static OptionalInt drumKey(String sampleName) {
        String last = sampleName.substring(sampleName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (String word : last.split("[^a-z]+")) {
            Integer exact = DRUM_WORDS.get(word);
            if (exact != null) {
                return OptionalInt.of(exact);
            }
        }
        for (Map.Entry<String, Integer> e : DRUM_WORDS.entrySet()) {
            if (e.getKey().length() > 2 && last.contains(e.getKey())) {
                return OptionalInt.of(e.getValue());
            }
        }
        return OptionalInt.empty();
    }

    /** Seconds to ticks through the tempo changes, exact to half a tick. */
    static final class TempoMap {

        /** A stretch of one tempo: it starts at a whole tick, at the second that tick really plays. */
        record Segment(long startTick, double startSeconds, int microsPerQuarter) {
        }

        final int ticksPerQuarter;
        final List<Segment> segments = new ArrayList<>();

        TempoMap(List<TempoChange> changes) {
            List<TempoChange> tempo = new ArrayList<>();
            tempo.add(new TempoChange(0, 60));
            for (TempoChange c : changes) {
                if (c.time() <= tempo.get(tempo.size() - 1).time()) {
                    tempo.set(tempo.size() - 1, new TempoChange(tempo.get(tempo.size() - 1).time(), c.bpm()));
                } else {
                    tempo.add(c);
                }
            }
            int slowest = 0;
            for (TempoChange c : tempo) {
                slowest = Math.max(slowest, microsPerQuarter(c.bpm()));
            }
            // A tick of at most 1 ms (1000 µs) at the slowest tempo; MIDI allows up to 32767 ticks per quarter.
            ticksPerQuarter = Math.max(MIN_TICKS_PER_QUARTER, Math.min(32767, (slowest + 999) / 1000));
            segments.add(new Segment(0, 0, microsPerQuarter(tempo.get(0).bpm())));
            for (TempoChange c : tempo.subList(1, tempo.size())) {
                long tick = tick(c.time());
                Segment last = segments.get(segments.size() - 1);
                double start = last.startSeconds() + (tick - last.startTick()) * secondsPerTick(last);
                segments.add(new Segment(tick, start, microsPerQuarter(c.bpm())));
            }
        }

        /** A file states at most 2^24 - 1 µs per quarter (3.58 bpm): slower tempos are written as that. */
        static int microsPerQuarter(double bpm) {
            return (int) Math.min(0xFFFFFF, Math.round(60_000_000 / bpm));
        }

        double secondsPerTick(Segment s) {
            return s.microsPerQuarter() / 1e6 / ticksPerQuarter;
        }

        /** The tick that plays nearest to {@code seconds}. */
        long tick(double seconds) {
            Segment in = segments.get(0);
            for (Segment s : segments) {
                if (s.startSeconds() <= seconds) {
                    in = s;
                }
            }
            return in.startTick() + Math.round((seconds - in.startSeconds()) / secondsPerTick(in));
        }

        /** When a tick plays, in seconds (what a sequencer reading the file does). */
        double seconds(long tick) {
            Segment in = segments.get(0);
            for (Segment s : segments) {
                if (s.startTick() <= tick) {
                    in = s;
                }
            }
            return in.startSeconds() + (tick - in.startTick()) * secondsPerTick(in);
        }
    }
}
