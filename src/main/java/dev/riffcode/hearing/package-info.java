/**
 * Hearing what was made: a {@link dev.riffcode.hearing.HearingReport} of rendered audio (length,
 * tempo and metre, pitch classes and key, EBU R 128 loudness and true peak, brightness, stereo
 * width, onset density, long silences), produced by {@link dev.riffcode.hearing.Hearing#analyze}
 * and kept as report.json with each render in a session. {@link dev.riffcode.hearing.Loudness}
 * also serves loudness normalisation ({@code render --loudness}).
 */
package dev.riffcode.hearing;
