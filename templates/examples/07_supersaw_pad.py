# A supersaw pad drowned in reverb: seven detuned saws per note make the shimmer,
# a slow attack and long release make it a pad, the reverb puts it in a big room.
# expect: pitch-classes A C E F G B D
use_bpm(70)

progression = [chord("A3", "minor"), chord("F3", "major"), chord("C4", "major"), chord("G3", "major")]
with with_fx("reverb", room=0.9, mix=0.5):
    for c in progression:
        play_chord(c, synth="supersaw", detune=0.25, attack=1, sustain=1.5, release=2,
                   cutoff=85, amp=0.35)
        sleep(4)
