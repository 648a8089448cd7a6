# A folk tune that uses only the notes A, B, C#, F# and G (the prompt's constraint):
# a melody and a drone, both drawn from that set only.
# expect: pitch-classes A B C# F# G
use_bpm(100)
allowed = ["A", "B", "C#", "F#", "G"]

melody = [("A4", 1), ("B4", 0.5), ("C#5", 0.5), ("B4", 1), ("A4", 1),
          ("F#4", 1), ("G4", 0.5), ("A4", 0.5), ("F#4", 2),
          ("A4", 0.5), ("B4", 0.5), ("C#5", 1), ("B4", 0.5), ("G4", 0.5), ("A4", 2)]

@in_thread
def drone():
    for _ in range(4):
        play("A2", synth="tri", amp=0.3, attack=0.3, sustain=3, release=0.7)
        sleep(4)

use_synth("pluck")
for name, beats in melody:
    assert name[:-1] in allowed, name + " is not one of the given notes"
    play(name, release=beats * 1.5, amp=1)
    sleep(beats)
