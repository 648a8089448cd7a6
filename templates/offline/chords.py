
@in_thread
def chords():
    progression = {{notes}}
    for bar in range({{bars}}):
        play_chord(progression[bar % len(progression)], synth="{{synth}}", amp={{amp}},
                   attack={{attack}}, sustain={{sustain}}, release={{release}}, cutoff={{cutoff}})
        sleep({{bar_beats}})
