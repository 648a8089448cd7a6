
@in_thread
def drums():
    # 16 steps per bar: x = kick, s = snare, g = ghost snare, h = hat, - = rest; every fourth bar plays the fill
    pattern = "{{pattern}}"
    fill = "{{fill}}"
    for bar in range({{bars}}):
        for step, hit in enumerate(fill if bar % 4 == 3 else pattern):
            if hit == "x":
                sample("bd_haus", amp={{amp}})
            elif hit == "s":
                sample("sn_dolf", amp={{amp}} * 0.8)
            elif hit == "g":
                sample("sn_dolf", amp={{amp}} * 0.25)
            elif hit == "h":
                sample("hat", amp={{amp}} * (0.5 if step % 4 == 2 else 0.3))
            sleep(0.25)
