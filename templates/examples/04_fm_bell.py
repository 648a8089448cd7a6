# FM synthesis: a sine carrier whose frequency is swung by a sine modulator.
# A non-integer ratio (divisor) gives inharmonic, bell-like partials; depth sets
# the brightness. Long release, no sustain: the bell rings and fades.
# (Bells are inharmonic on purpose, so this example has no pitch-class expectation:
# a divisor of 0.5 would give a harmonic, clarinet-like tone instead.)
use_synth("fm")

for n in ["C5", "G4", "E5", "C5"]:
    play(n, divisor=1 / 3.5, depth=2.5, attack=0.001, release=2.5, amp=0.6)
    sleep(1)
sleep(2)
