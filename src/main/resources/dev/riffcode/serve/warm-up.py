# The service's own warm-up patch (not a lesson): it touches the engine's busiest paths once, so that the
# JIT has compiled them before the first request. A sine straight out; a cluster of 48 saws summed into one
# resonant low-pass (enough sources for the engine to share them between the cores in several groups); and a run
# of saw and sine notes with envelopes and filters on top.
drone = SineOscillator(frequency=220, amplitude=0.2)
out(drone)

cluster = FilterLowPass(frequency=1800, Q=3)
for i in range(48):
    saw = SawtoothOscillatorBL(frequency=110 * (1 + i / 7.3), amplitude=0.004)
    saw.output.connect(cluster.input)
out(cluster)

notes = scale("C3", "major", num_octaves=2)
for i in range(80):
    use_synth("saw" if i % 2 == 0 else "sine")
    play(notes[i % len(notes)], attack=0.005, decay=0.1, sustain_level=0.5, sustain=0.2,
         release=0.2, cutoff=2500, res=0.2, amp=0.3)
    sleep(0.25)
