// P1 (ChucK): one 440 Hz sine, amplitude 0.5, 60 s, 44.1 kHz, stereo 16-bit WAV.
// Faithfulness: FAITHFUL. SinOsc computes sin() per sample (Riffcode reads a wavetable with
// linear interpolation: same signal to within -100 dB or so). A mono UGen chucked to the stereo
// dac feeds both channels; x0.7071 per channel = Riffcode's centre pan. Riffcode also runs every
// render through a DC blocker + safety limiter; this patch does not.
// Offline rendering with Debian's chuck 1.4.2.0: no audio device, as fast as possible:
//     chuck --silent --srate:44100 p1.ck:OUT.wav
// (--silent runs the VM without a sound card; dac => WvOut2 => blackhole records the dac.)
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
SinOsc s => Gain g => dac;
440 => s.freq;
0.5 => s.gain;
0.70710678 => g.gain;
60::second => now;
w.closeFile();
