
@in_thread
def bass():
    line = {{notes}}
    for bar in range({{bars}}):
        for i, n in enumerate(line):
            play(n, synth="{{synth}}", amp={{amp}}, attack=0.01, sustain={{sustain}}, release=0.2,
                 cutoff={{cutoff}}, res=0.3)
            sleep({{step}})
