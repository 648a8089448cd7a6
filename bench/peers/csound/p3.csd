; P3 (Csound): 240 notes, one every 0.25 s, each saw -> low-pass -> ADSR, up to 4 overlapping, 60 s.
; Faithfulness: FAITHFUL. Per note: vco2 band-limited saw (as Riffcode's band-limited wavetable saw)
; -> zdf_2pole low-pass (TPT state-variable filter, same topology as Riffcode's SVF) at 2000 Hz,
; Q 1.9273 (Riffcode's res 0.3 mapped by SvfFilter.resonanceToQ) -> a-rate linseg with exactly
; Riffcode's linear ADSR: 5 ms 0->1, 100 ms 1->0.5, 0.6 s at 0.5, 200 ms 0.5->0 -> gain 0.175
; (amp 0.5 x Riffcode's voice gain 0.35), centre pan x0.7071. Same note list as the Riffcode patch.
; One instrument instance per note (Csound's native polyphony), scheduled by instr 1.
; ksmps = 256 = Riffcode's block size; --sample-accurate so notes start on their exact sample,
; as Riffcode's do (0.25 s = 11025 samples is not a multiple of 256).
<CsoundSynthesizer>
<CsOptions>
-d -m128 -W --nodisplays --sample-accurate
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 256
nchnls = 2
0dbfs = 1

instr 1
  inotes[] fillarray 45, 48, 50, 52, 55, 57, 60, 62, 64, 67, 69, 72, 74, 76, 79, 81
  ii = 0
  while ii < 240 do
    ; notes still sounding at 60 s are cut there, as Riffcode's --seconds 60 render cuts them
    event_i "i", 2, ii * 0.25, min(0.905, 60 - ii * 0.25), inotes[ii % 16]
    ii += 1
  od
endin

instr 2
  asaw vco2 1, cpsmidinn(p4)
  alp zdf_2pole asaw, 2000, 1.9272963557631284, 0
  aenv linseg 0, 0.005, 1, 0.1, 0.5, 0.6, 0.5, 0.2, 0
  asig = alp * aenv * 0.175
  outs asig * 0.70710678, asig * 0.70710678
endin
</CsInstruments>
<CsScore>
i 1 0 60
</CsScore>
</CsoundSynthesizer>
