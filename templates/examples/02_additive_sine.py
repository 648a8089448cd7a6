# Additive synthesis: build an organ-like tone from pure sines at whole-number
# multiples of the fundamental (its harmonics), each quieter than the last.
# Try removing harmonics, or using only odd ones (1, 3, 5) for a hollow sound.
# expect: pitch-classes A
import math

use_synth("sine")
fundamental = note("A3")          # 57 = 220 Hz

harmonics = [1, 2, 3, 4, 5, 6]
for k in harmonics:
    freq = hz(fundamental) * k
    # hz -> MIDI: a harmonic's pitch as a (fractional) note number
    midi = 69 + 12 * math.log2(freq / 440)
    play(midi, amp=0.8 / k, attack=0.3, sustain=2, release=1)
sleep(3.5)
