// P2 (ChucK): 64 band-limited saws at fixed frequencies, summed into one resonant low-pass, 60 s.
// Faithfulness: CLOSE APPROXIMATION.
//  - Oscillator: BlitSaw (STK, band-limited impulse train, integrated; .harmonics 0 = all below
//    Nyquist) is band-limited like Riffcode's wavetable saw, by a different and costlier method
//    (two sin() per sample). SawOsc would be cheaper but is NOT band-limited, so it is not used.
//  - Filter: ChucK's LPF is SuperCollider's RLPF, a resonant 2-pole (12 dB/oct) low-pass with
//    .freq/.Q, the same order, cutoff (2000 Hz) and Q (4) as Riffcode's SVF, but a different
//    discretisation (Riffcode: trapezoidal state-variable filter).
// Frequencies, shared by all engines:
//     f_i = 100 + 900 * frac(0.5 + i * 0.6180339887498949),  i = 0..63
// Level: BlitSaw swings +-0.5 at gain 1, so each saw gets 2/64 to match Riffcode's 1/64 of a +-1 saw.
// Centre pan x0.7071 (a mono UGen into the stereo dac feeds both channels).
// Run: chuck --silent --srate:44100 p2.ck:OUT.wav
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
LPF lp => Gain g => dac;
lp.set(2000.0, 4.0);
0.70710678 => g.gain;
BlitSaw saws[64];
for (0 => int i; i < 64; i++) {
    0.5 + i * 0.6180339887498949 => float x;
    100.0 + 900.0 * (x - Math.floor(x)) => saws[i].freq;
    2.0 / 64.0 => saws[i].gain;   // BlitSaw swings +-0.5 at gain 1: x2 matches Riffcode's +-1 saw
    saws[i] => lp;
}
60::second => now;
w.closeFile();
