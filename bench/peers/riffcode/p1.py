# P1 (Riffcode): one 440 Hz sine, amplitude 0.5, 60 s at 44.1 kHz.
# Reference patch: this IS Riffcode, the text of BenchCommand.P1 (riffcode bench). Sine from the
# band-limited wavetable oscillator (linear interpolation), out() = centre pan (equal power, x0.7071
# per channel), then Riffcode's master section (DC blocker + look-ahead safety limiter) which every
# Riffcode render goes through and the peers do not have.
osc = SineOscillator(frequency=440, amplitude=0.5)
out(osc)
sleep(60)
