# A filter sweep on held notes: the lpf effect's cutoff can't move, so we sweep the
# synth's own cutoff note by note, from dark to bright and back, with high resonance.
# expect: pitch-classes C G
use_bpm(120)
use_synth("saw")

steps = 32
for i in range(steps):
    # a triangle-shaped sweep: up for half the steps, down for the rest
    pos = i / (steps / 2) if i < steps / 2 else 2 - i / (steps / 2)
    play("C2", cutoff=50 + 70 * pos, res=0.8, release=0.3, amp=0.7)
    play("G2", cutoff=50 + 70 * pos, res=0.8, release=0.3, amp=0.4)
    sleep(0.5)
