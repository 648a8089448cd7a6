
@in_thread
def texture():
    with with_fx("reverb", room=0.9, mix=0.7):
        for bar in range(0, {{bars}}, 2):
            play(60, synth="noise", amp={{amp}}, attack=2, sustain=2, release=4, cutoff=rrand(70, 100))
            sleep(8)
