# Hello, Riffcode: a short melody on the default sine synth.
# Time is in beats: at 120 bpm one beat is half a second. play() starts a note now,
# sleep() moves time on. Notes can be MIDI numbers (60 = middle C) or names ("E4").
# expect: pitch-classes C D E G
use_bpm(120)

for n in ["C4", "D4", "E4", "G4", "E4", "D4", "C4"]:
    play(n, release=0.4)
    sleep(0.5)

play_chord(["C4", "E4", "G4"], release=1.5)
sleep(2)
