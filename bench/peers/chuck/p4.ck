// P4 (ChucK): start-up cost. The P1 sine (SinOsc), rendered for 0.01 s; what is timed is the whole
// chuck process, from start to the finished WAV. FAITHFUL (as P1).
// Run: chuck --silent --srate:44100 p4.ck:OUT.wav
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
SinOsc s => Gain g => dac;
440 => s.freq;
0.5 => s.gain;
0.70710678 => g.gain;
10::ms => now;
w.closeFile();
