# Layers with in_thread: each decorated function runs once, on its own strand of
# time starting now, while the script goes on. A bass, a chord pad and a melody.
# expect: pitch-classes F A C E G
use_bpm(90)

@in_thread
def bass():
    for n in ["F2", "F2", "C2", "C2"] * 2:
        play(n, synth="saw", cutoff=65, res=0.3, release=0.8, amp=0.7)
        sleep(1)

@in_thread
def pad():
    for c in [chord("F3", "major7"), chord("C3", "major")] * 2:
        play_chord(c, synth="pad", attack=0.5, sustain=1, release=1, amp=0.3)
        sleep(2)

use_synth("pluck")
play_pattern_timed(["A4", "C5", "E5", "C5", "G4", "C5", "E5", "G5"], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 4])
