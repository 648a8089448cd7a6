// P3 (ChucK): 240 notes, one every 0.25 s, each saw -> low-pass -> ADSR, up to 4 overlapping, 60 s.
// Faithfulness: CLOSE APPROXIMATION (envelope and timing faithful, oscillator and filter
// approximations as in P2).
//  - Oscillator: BlitSaw (band-limited, BLIT method) for Riffcode's band-limited wavetable saw.
//  - Filter: LPF (SuperCollider's RLPF: resonant 2-pole, 12 dB/oct) at 2000 Hz, Q 1.9273 (Riffcode's
//    res 0.3 mapped by SvfFilter.resonanceToQ), for Riffcode's trapezoidal state-variable low-pass.
//  - Envelope: ADSR (STK, linear segments) 5 ms 0->1, 100 ms 1->0.5, held 0.6 s at 0.5, keyOff,
//    200 ms 0.5->0: exactly Riffcode's linear ADSR.
//  - Level: gain 0.175 (amp 0.5 x Riffcode's voice gain 0.35), x2 because BlitSaw swings +-0.5
//    at gain 1 (Riffcode's saw +-1), centre pan x0.7071.
// One sporked shred per note builds its own chain and unplugs it from the dac when done (the
// ChucK idiom for polyphony; an unplugged chain costs nothing). Notes still sounding at 60 s are cut
// there, as Riffcode's --seconds 60 render cuts them. Same note list as the Riffcode patch.
// Run: chuck --silent --srate:44100 p3.ck:OUT.wav
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
[45, 48, 50, 52, 55, 57, 60, 62, 64, 67, 69, 72, 74, 76, 79, 81] @=> int notes[];

fun void note(int midi) {
    BlitSaw s => LPF f => ADSR e => Gain g => dac;
    Std.mtof(midi) => s.freq;
    f.set(2000.0, 1.9272963557631284);
    e.set(5::ms, 100::ms, 0.5, 200::ms);
    2 * 0.175 * 0.70710678 => g.gain;   // x2: BlitSaw swings +-0.5 at gain 1
    e.keyOn();
    705::ms => now;
    e.keyOff();
    200::ms => now;
    g =< dac;
}

for (0 => int i; i < 240; i++) {
    spork ~ note(notes[i % 16]);
    250::ms => now;
}
w.closeFile();
