# A square lead through distortion and chorus: the overdrive adds odd harmonics and
# grit, the chorus widens it. Effects nest: distortion first, then chorus.
# expect: pitch-classes G A B D E
use_bpm(140)

riff = ["G4", "A4", "B4", "D5", "E5", "D5", "B4", "A4"]
with with_fx("chorus", rate=0.8, depth=0.5, mix=0.4):
    with with_fx("distortion", distort=0.6, mix=0.8):
        for n in riff * 2:
            play(n, synth="square", cutoff=100, release=0.2, amp=0.5)
            sleep(0.5)
