# P2 (Riffcode): 64 band-limited saws (amplitude 1/64 each) summed into ONE resonant low-pass
# (FilterLowPass: 12 dB/oct trapezoidal state-variable filter, cutoff 2000 Hz, Q 4), 60 s.
# Reference patch: BenchCommand.P2 (riffcode bench) except for how the 64 frequencies are chosen:
# BenchCommand draws them with Python's random.Random(2024), which Csound and ChucK cannot
# reproduce, so every engine here uses the same deterministic golden-ratio (Weyl) sequence:
#     f_i = 100 + 900 * frac(0.5 + i * 0.6180339887498949),  i = 0..63   (all in 100..1000 Hz)
# The cost is identical (same unit count, same graph); only the pitches differ from BenchCommand.
lowpass = FilterLowPass(frequency=2000, Q=4)
for i in range(64):
    f = 100 + 900 * ((0.5 + i * 0.6180339887498949) % 1.0)
    saw = SawtoothOscillatorBL(frequency=f, amplitude=1 / 64)
    saw.output.connect(lowpass.input)
out(lowpass)
sleep(60)
