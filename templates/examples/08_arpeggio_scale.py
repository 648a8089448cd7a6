# An arpeggio over a scale: walk up and down two octaves of D dorian, sixteenth
# notes at 128 bpm, with the accent on every fourth note.
# expect: pitch-classes D E F G A B C
use_bpm(128)
use_synth("square")

notes = scale("D4", "dorian", num_octaves=2)
path = notes + list(reversed(notes[1:-1]))
for i, n in enumerate(path * 2):
    play(n, amp=0.6 if i % 4 == 0 else 0.35, release=0.12, cutoff=95)
    sleep(0.25)
