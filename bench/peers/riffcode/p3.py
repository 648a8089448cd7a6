# P3 (Riffcode): 240 notes, one every 0.25 s, each saw -> low-pass -> ADSR, up to 4 overlapping, 60 s.
# Reference patch: this IS Riffcode, the text of BenchCommand.P3 (riffcode bench).
# Per note (the "saw" synth): band-limited wavetable saw -> 12 dB/oct state-variable low-pass at
# 2000 Hz, res 0.3 (= Q 1.9273 by SvfFilter.resonanceToQ) -> linear ADSR: 5 ms 0->1, 100 ms 1->0.5,
# 0.6 s held at 0.5, 200 ms 0.5->0 (0.905 s per note, so 4 overlap) -> amp 0.5 x voice gain 0.35,
# centre pan. Notes cycle through scale("A2", "minor_pentatonic", num_octaves=3) =
# [45, 48, 50, 52, 55, 57, 60, 62, 64, 67, 69, 72, 74, 76, 79, 81] (MIDI).
use_synth("saw")
notes = scale("A2", "minor_pentatonic", num_octaves=3)
for i in range(240):
    play(notes[i % len(notes)], attack=0.005, decay=0.1, sustain_level=0.5, sustain=0.6,
         release=0.2, cutoff=2000, res=0.3, amp=0.5)
    sleep(0.25)
