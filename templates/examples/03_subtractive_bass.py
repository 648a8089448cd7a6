# Subtractive synthesis: start with a bright sawtooth (all harmonics) and carve it
# with a resonant low-pass filter. cutoff is a MIDI note, like Sonic Pi: lower is darker.
# expect: pitch-classes E G A B D
use_bpm(110)
use_synth("saw")

bassline = ["E2", "E2", "G2", "A2", "E2", "D2", "B1", "D2"]
for i, n in enumerate(bassline * 2):
    # open the filter a little more on every note, with some resonance
    play(n, amp=0.9, attack=0.005, decay=0.15, sustain_level=0.4, sustain=0.1, release=0.15,
         cutoff=55 + i * 2, res=0.6)
    sleep(0.5)
