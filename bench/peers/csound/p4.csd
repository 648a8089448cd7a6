; P4 (Csound): start-up cost. The P1 sine (oscili, built-in sine table), rendered for 0.01 s;
; what is timed is the whole csound process, from start to the finished WAV. FAITHFUL (as P1).
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
i 1 0 0.01
</CsScore>
</CsoundSynthesizer>
