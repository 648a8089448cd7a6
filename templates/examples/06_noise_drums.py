# Drums from noise and sines: the kick is a sine that drops in pitch, the snare a
# band-passed noise burst with a little tone, the hat short high-passed noise.
# sample("bd_...") names work too, for Sonic Pi habits.
use_bpm(96)

for bar in range(2):
    for step in range(8):
        if step in (0, 3, 5):
            sample("bd_haus", amp=1.0)
        if step in (2, 6):
            sample("drum_snare_hard", amp=0.8)
        sample("hat", amp=0.5 if step % 2 == 0 else 0.3, pan=0.3)
        sleep(0.5)
