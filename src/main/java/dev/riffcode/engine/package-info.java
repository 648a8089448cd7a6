/**
 * Synthesis behind one small interface. A {@link dev.riffcode.engine.SynthBackend} turns a
 * {@link dev.riffcode.score.Score} into a {@link dev.riffcode.engine.ScoreRenderer} that produces
 * stereo blocks; {@link dev.riffcode.engine.OfflineRender} drives one to a WAV file and every output
 * path goes through {@link dev.riffcode.engine.MasterSection} (DC blocker, brick-wall limiter).
 * The first backend lives in {@code engine.pipes}; the DSP blocks it is made of in {@code engine.dsp}.
 */
package dev.riffcode.engine;
