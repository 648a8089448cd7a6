/**
 * Audio file I/O and analysis for Riffcode.
 *
 * <p>Two jobs: writing rendered audio to WAV files safely (atomically, so a crash never leaves a
 * half-written file behind) and reading them back; and measuring audio, both in tests (levels,
 * pitch, onsets of synthesized signals) and for the check that a generated piece really plays the
 * pitch classes it was asked to ({@link dev.riffcode.audio.PitchClassAnalyzer}).
 *
 * <p>Audio is held as {@code float[channel][frame]} with full scale at &plusmn;1.0, wrapped in
 * {@link dev.riffcode.audio.AudioClip} together with its sample rate.
 */
package dev.riffcode.audio;
