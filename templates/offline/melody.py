
@in_thread
def melody():
    tune = {{notes}}
    rhythm = {{rhythm}}
    for i, n in enumerate(tune):
        play(n, synth="{{synth}}", amp={{amp}}, release=rhythm[i % len(rhythm)] * 1.2, cutoff={{cutoff}})
        sleep(rhythm[i % len(rhythm)])
