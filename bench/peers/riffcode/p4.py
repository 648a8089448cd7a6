# P4 (Riffcode): start-up cost. The P1 sine, rendered for 0.01 s (peers.sh passes --seconds 0.01);
# what is timed is the whole process: launcher, JVM, sandboxed GraalPy worker, script, render, WAV.
osc = SineOscillator(frequency=440, amplitude=0.5)
out(osc)
sleep(0.01)
