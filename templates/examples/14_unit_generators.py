# The unit-generator level, JSyn style: create oscillators, filters and envelopes,
# connect their ports, and send the result out. Port changes happen at the current
# time, so sleep() between them to play. Here: two detuned saws through a resonant
# low-pass whose cutoff is swept by a ramp, shaped by a gated envelope.
# expect: pitch-classes A
saw1 = SawtoothOscillatorBL(frequency=110, amplitude=0.3)
saw2 = SawtoothOscillatorBL(frequency=110.7, amplitude=0.3)
lowpass = FilterLowPass(frequency=300, Q=6)
env = EnvelopeDAHDSR(attack=0.05, decay=0.3, sustain=0.7, release=0.8)
vca = Multiply()

saw1.output.connect(lowpass.input)
saw2.output.connect(lowpass.input)
lowpass.output.connect(vca.inputA)
env.output.connect(vca.inputB)
out(vca)

for i in range(4):
    env.input.on()
    lowpass.frequency.ramp(2500, 1)     # open the filter over one beat
    sleep(1)
    env.input.off()
    lowpass.frequency.ramp(300, 0.5)
    sleep(1)
