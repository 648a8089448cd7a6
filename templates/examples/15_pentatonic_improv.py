# Seeded randomness: an "improvised" line from the E minor pentatonic scale. The same
# seed always gives the same line; change the seed for another take.
# expect: pitch-classes E G A B D
use_bpm(110)
use_random_seed(7)
use_synth("tri")

notes = scale("E4", "minor_pentatonic", num_octaves=2)
for i in range(32):
    if one_in(6):
        sleep(0.25)              # leave space now and then
        continue
    play(choose(notes), amp=rrand(0.4, 0.8), release=rrand(0.1, 0.4), pan=rrand(-0.5, 0.5))
    sleep(0.25)
