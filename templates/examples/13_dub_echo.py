# A dub texture: short chord stabs and rim shots thrown into a long echo, then
# a low-pass that darkens the repeats, with a touch of reverb around it all.
# phase is the echo time in beats; decay is how long the repeats take to fade.
# expect: pitch-classes D F A C
use_bpm(75)

with with_fx("reverb", room=0.7, mix=0.3):
    with with_fx("lpf", cutoff=90):
        with with_fx("echo", phase=0.75, decay=6, mix=0.6):
            for c in [chord("D4", "minor7"), chord("D4", "minor7"), chord("F4", "major"), chord("D4", "minor")]:
                sleep(0.5)
                play_chord(c, synth="square", cutoff=80, attack=0.005, release=0.15, amp=0.4)
                sleep(1.5)
    play("D2", synth="sine", amp=0.9, sustain=6, release=1)
    sleep(7)
