; P2 (Csound): 64 band-limited saws at fixed frequencies, summed into one resonant low-pass, 60 s.
; Faithfulness: FAITHFUL. vco2 (imode 0) is a band-limited sawtooth from mip-mapped wavetables, the
; same technique as Riffcode's SawtoothOscillatorBL. zdf_2pole (mode 0 = low-pass) is a zero-delay-
; feedback (trapezoidal, TPT) 12 dB/oct state-variable filter, the same topology as Riffcode's SVF
; (Simper/Zavalishin), at the same cutoff 2000 Hz and Q 4. Frequencies, shared by all engines:
;     f_i = 100 + 900 * frac(0.5 + i * 0.6180339887498949),  i = 0..63
; Structure: instr 1 schedules 64 instances of instr 2 (one saw each, summed on a global bus);
; instr 3 filters the bus. Centre pan x0.7071. ksmps = 256 = Riffcode's block size.
<CsoundSynthesizer>
<CsOptions>
-d -m128 -W --nodisplays
</CsOptions>
<CsInstruments>
sr = 44100
ksmps = 256
nchnls = 2
0dbfs = 1

gaMix init 0

instr 1
  ii = 0
  while ii < 64 do
    ifreq = 100 + 900 * frac(0.5 + ii * 0.6180339887498949)
    event_i "i", 2, 0, p3, ifreq
    ii += 1
  od
endin

instr 2
  asaw vco2 1/64, p4
  gaMix += asaw
endin

instr 3
  alp zdf_2pole gaMix, 2000, 4, 0
  outs alp * 0.70710678, alp * 0.70710678
  clear gaMix
endin
</CsInstruments>
<CsScore>
i 1 0 60
i 3 0 60
</CsScore>
</CsoundSynthesizer>
