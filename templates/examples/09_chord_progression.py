# A chord progression: ii - V - I - vi in C major with seventh chords, a bass note
# under each chord, and a pad-like tri synth. chord() builds the chord from a root.
# expect: pitch-classes C D E F G A B
use_bpm(84)

changes = [("D3", "minor7"), ("G3", "7"), ("C3", "major7"), ("A2", "minor7")]
for root, quality in changes:
    play(note(root) - 12, synth="sine", amp=0.8, sustain=1.5, release=0.4)
    play_chord(chord(root, quality), synth="tri", amp=0.4, attack=0.05, sustain=1.5, release=0.5)
    sleep(2)
