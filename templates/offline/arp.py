
@in_thread
def arpeggio():
    pool = {{notes}}
    for i in range({{bars}} * {{bar_steps}}):
        play(pool[i % len(pool)], synth="{{synth}}", amp={{amp}} if i % 4 == 0 else {{amp}} * 0.6,
             release=0.15, cutoff={{cutoff}})
        sleep(0.25)
