# Karplus-Strong: a burst of noise circulating in a short delay line that is
# damped a little on every pass becomes a plucked string. coef sets the damping.
# expect: pitch-classes D F# A B
use_bpm(100)
use_synth("pluck")

pattern = ["D3", "A3", "D4", "F#4", "A4", "F#4", "D4", "A3",
           "B2", "F#3", "B3", "D4", "F#4", "D4", "B3", "F#3"]
for i, n in enumerate(pattern):
    play(n, coef=0.2 + 0.3 * (i % 2), release=1.5, amp=0.9)
    sleep(0.25)
sleep(1.5)
