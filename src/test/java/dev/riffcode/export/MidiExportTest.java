package dev.riffcode.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.PitchClassAnalyzer;
import dev.riffcode.audio.WavReader;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.Score;
import dev.riffcode.testing.ExternalTools;
import dev.riffcode.testing.Scripts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A score as a Standard MIDI File, read back with javax.sound.midi and played by TiMidity++. */
class MidiExportTest {

    /** Three parts, a tempo change, notes at two amps, drums as synths and as sample files, and a unit graph. */
    static final String PIECE = """
            use_bpm(120)
            @live_loop
            def drums():
                sample("bd_haus")
                sleep(0.5)
                sample("builtin/hat", amp=0.25)
                sleep(0.5)
                play(60, synth="snare")
                sleep(1)
            @in_thread
            def bass():
                for n in [45, 45.4, 52, 40]:
                    play(n, synth="saw", amp=0.25, release=0.3)
                    sleep(1)
            play("A4", synth="pluck")
            sleep(2)
            use_bpm(90)
            play("C#5", synth="fm", amp=1)
            sleep(1)
            play("E5", synth="fm", amp=1)
            out(SineOscillator(frequency=100, amplitude=0.01))
            sleep(1)
            """;

    @TempDir
    Path dir;

    /** Every note-on read back: track name, channel, key, velocity and the second it plays at. */
    record Heard(String track, int channel, int key, int velocity, double seconds) {
    }

    /** Note-ons with their times from the file's own tempo events (as a sequencer reads them). */
    static List<Heard> read(Sequence s) {
        TreeMap<Long, Integer> tempo = new TreeMap<>(Map.of(0L, 1_000_000));
        for (MidiEvent e : events(s.getTracks()[0])) {
            if (e.getMessage() instanceof MetaMessage m && m.getType() == 0x51) {
                byte[] d = m.getData();
                tempo.put(e.getTick(), (d[0] & 0xff) << 16 | (d[1] & 0xff) << 8 | d[2] & 0xff);
            }
        }
        List<Heard> heard = new ArrayList<>();
        for (Track t : s.getTracks()) {
            String name = "";
            for (MidiEvent e : events(t)) {
                if (e.getMessage() instanceof MetaMessage m && m.getType() == 0x03) {
                    name = new String(m.getData(), StandardCharsets.UTF_8);
                } else if (e.getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON
                        && m.getData2() > 0) {
                    heard.add(new Heard(name, m.getChannel(), m.getData1(), m.getData2(),
                            seconds(tempo, e.getTick(), s.getResolution())));
                }
            }
        }
        return heard;
    }

    static List<MidiEvent> events(Track t) {
        List<MidiEvent> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.get(i));
        }
        return out;
    }

    private static double seconds(TreeMap<Long, Integer> tempo, long tick, int ppq) {
        double seconds = 0;
        long from = 0;
        int mpq = tempo.firstEntry().getValue();
        for (var change : tempo.entrySet()) {
            if (change.getKey() > tick) {
                break;
            }
            seconds += (change.getKey() - from) * (double) mpq / 1e6 / ppq;
            from = change.getKey();
            mpq = change.getValue();
        }
        return seconds + (tick - from) * (double) mpq / 1e6 / ppq;
    }

    private static int program(Sequence s, int channel) {
        for (Track t : s.getTracks()) {
            for (MidiEvent e : events(t)) {
                if (e.getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.PROGRAM_CHANGE
                        && m.getChannel() == channel) {
                    return m.getData1();
                }
            }
        }
        return -1;
    }

    @Test
    void readBackItIsTypeOneWithATempoMapATrackPerPartAndEveryNoteInItsPlace() throws Exception {
        Score score = Scripts.score(PIECE);
        Path mid = dir.resolve("piece.mid");
        MidiExport.Result result = MidiExport.write(score, mid);
        assertEquals(1, MidiSystem.getMidiFileFormat(mid.toFile()).getType());
        Sequence s = MidiSystem.getSequence(mid.toFile());
        assertEquals(4, s.getTracks().length, "the tempo track, then main, drums, bass");
        assertTrue(result.leftOut().stream().anyMatch(w -> w.contains("unit-generator graph")), result.leftOut().toString());

        // The main script's tempo: 120 bpm, then 90 from 1 s (two beats at 120) on.
        List<Long> tempoTicks = new ArrayList<>();
        List<Integer> tempos = new ArrayList<>();
        for (MidiEvent e : events(s.getTracks()[0])) {
            if (e.getMessage() instanceof MetaMessage m && m.getType() == 0x51) {
                byte[] d = m.getData();
                tempoTicks.add(e.getTick());
                tempos.add((d[0] & 0xff) << 16 | (d[1] & 0xff) << 8 | d[2] & 0xff);
            }
        }
        assertEquals(List.of(500_000, 666_667), tempos);
        assertEquals(2L * s.getResolution(), tempoTicks.get(1), "the change falls on beat 2");

        List<Heard> heard = read(s);
        List<Heard> pitched = heard.stream().filter(h -> h.channel() != 9).toList();
        List<NoteEvent> scored = score.notes().stream().filter(n -> !Set.of("kick", "snare", "hat").contains(n.synth()))
                .sorted(java.util.Comparator.comparingDouble(NoteEvent::time)).toList();
        assertEquals(scored.size(), pitched.size());
        for (NoteEvent n : scored) {
            Heard match = pitched.stream().filter(h -> h.track().equals(n.strand()) && h.key() == Math.round(n.note())
                    && Math.abs(h.seconds() - n.time()) < 0.001).findFirst().orElse(null);
            assertTrue(match != null, "note " + n.note() + " of " + n.strand() + " at " + n.time() + " s: " + pitched);
            assertEquals(MidiExport.velocity(n.amp()), match.velocity());
        }
        assertEquals(50, pitched.stream().filter(h -> h.track().equals("bass")).findFirst().orElseThrow().velocity(),
                "amp 0.25 plays at half the velocity of amp 1 (a quarter of the level in General MIDI)");
        assertEquals(100, pitched.stream().filter(h -> h.key() == 73).findFirst().orElseThrow().velocity());
        // A program per synth; drums on channel 10 with General MIDI's drum keys.
        int bassChannel = pitched.stream().filter(h -> h.track().equals("bass")).findFirst().orElseThrow().channel();
        assertEquals(81, program(s, bassChannel), "saw: Lead 2 (sawtooth)");
        assertEquals(24, program(s, pitched.stream().filter(h -> h.key() == 69).findFirst().orElseThrow().channel()),
                "pluck: nylon guitar");
        assertEquals(4, program(s, pitched.stream().filter(h -> h.key() == 73).findFirst().orElseThrow().channel()),
                "fm: electric piano");
        List<Heard> drums = heard.stream().filter(h -> h.channel() == 9).toList();
        assertTrue(drums.stream().allMatch(h -> h.track().equals("drums")), drums.toString());
        assertEquals(Set.of(36, 38, 42), Set.copyOf(drums.stream().map(Heard::key).toList()),
                "kick (a built-in drum synth), hat (a sample file), snare (a drum synth)");
        assertTrue(drums.stream().anyMatch(h -> h.key() == 36 && Math.abs(h.seconds() - 2.0) < 0.001),
                "the kick of the drums' second pass at 2 s");
    }

    @Test
    void aTempoAsSlowAsOneBpmStillPlacesNotesWithinAMillisecond() throws Exception {
        // A MIDI file cannot state a tempo under 3.6 bpm (a quarter note of at most 2^24 µs): the slowest is written,
        // with ticks short enough that the notes still land at their seconds.
        Score score = Scripts.score("use_bpm(1)\nplay(60)\nsleep(0.0123)\nplay(62)\nsleep(0.01)\nplay(64)\n");
        Path mid = dir.resolve("slow.mid");
        MidiExport.Result result = MidiExport.write(score, mid);
        assertTrue(result.ticksPerQuarter() > 960, "more ticks per quarter at 1 bpm: " + result.ticksPerQuarter());
        List<Heard> heard = read(MidiSystem.getSequence(mid.toFile()));
        for (NoteEvent n : score.notes()) {
            assertTrue(heard.stream().anyMatch(h -> h.key() == (int) n.note() && Math.abs(h.seconds() - n.time()) < 0.001),
                    n.time() + " s in " + heard);
        }
    }

    @Test
    void timidityPlaysTheFileWithTheScoresPitchClassesAndOnsets() throws Exception {
        ExternalTools.require("timidity");
        // Debian's timidity.cfg points at a sound font package it only recommends; freepats is the one installed.
        Path freepats = Path.of("/etc/timidity/freepats.cfg");
        ExternalTools.requireFile(freepats, "freepats");
        Score score = Scripts.score("""
                use_bpm(100)
                for n in ["A3", "C#4", "E4", "F#4", "A4", "E4"]:
                    play(n, synth="pluck", release=0.4)
                    sleep(1)
                use_bpm(150)
                for n in ["F#4", "E4", "C#4", "A3"]:
                    play(n, synth="pluck", release=0.3)
                    sleep(1)
                """);
        Path mid = dir.resolve("tune.mid");
        MidiExport.write(score, mid);
        Path wav = dir.resolve("tune.wav");
        ExternalTools.run("timidity", "-c", freepats.toString(), "-Ow", "-s", "44100", "-o", wav.toString(),
                mid.toString());
        AudioClip played = WavReader.read(wav);
        Set<Integer> classes = new PitchClassAnalyzer().analyze(played).pitchClasses(0.05);
        assertEquals(Set.of(9, 1, 4, 6), classes, "A, C#, E and F# from TiMidity's nylon guitar");
        double[] onsets = Onsets.detect(played);
        int found = 0;
        StringBuilder offsets = new StringBuilder();
        for (NoteEvent n : score.notes()) {
            double nearest = Double.MAX_VALUE;
            for (double t : onsets) {
                nearest = Math.abs(t - n.time()) < Math.abs(nearest) ? t - n.time() : nearest;
            }
            offsets.append(String.format(" %.3f", nearest));
            found += Math.abs(nearest) < 0.03 ? 1 : 0;
        }
        assertEquals(score.notes().size(), found, "every note heard within 30 ms of its time; offsets:" + offsets);
        assertTrue(onsets.length <= score.notes().size() + 2, "no extra onsets: " + onsets.length);
    }
}
