# live_loop: each loop repeats on its own strand of time, side by side. In a render
# the loops run until the render's end (16 s unless you pass --seconds).
# Edit a loop and run again: in the editor, the new version takes over at its next pass.
# expect: pitch-classes E G A B D
use_bpm(120)

@live_loop
def drums():
    sample("bd_tek")
    sleep(1)
    sample("sn_dolf", amp=0.7)
    sleep(1)

@live_loop
def hats():
    sample("hat", amp=0.35 if tick() % 2 else 0.5)
    sleep(0.5)

@live_loop
def bass():
    for n in ["E2", "E2", "G2", "A2"]:
        play(n, synth="saw", cutoff=70, res=0.4, release=0.3, amp=0.8)
        sleep(1)
