; P1 (Csound): one 440 Hz sine, amplitude 0.5, 60 s, 44.1 kHz, stereo 16-bit WAV.
; Faithfulness: FAITHFUL. oscili reads Csound's built-in sine table (ifn -1, 16384 points) with
; linear interpolation, like Riffcode's wavetable sine. Centre pan as Riffcode's out(): x0.7071 per
; channel. Riffcode also runs every render through a DC blocker + safety limiter; this patch does not.
; ksmps = 256 = Riffcode's block size. Run: csound -o OUT.wav p1.csd  (-m128: print only the timing lines)
<CsoundSynthesizer>
<CsOptions>
-d -m128 -W --nodisplays
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 256
nchnls = 2
0dbfs = 1

instr 1
  asig oscili 0.5, 440
  outs asig * 0.70710678, asig * 0.70710678
endin
</CsInstruments>
<CsScore>
i 1 0 60
</CsScore>
</CsoundSynthesizer>
