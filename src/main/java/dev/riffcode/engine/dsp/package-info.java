/**
 * Low-level DSP building blocks for the synthesis engine: band-limited wavetable oscillators,
 * noise, envelopes, filters, a plucked string, a delay line and the output safety limiter.
 *
 * <p>Conventions shared by every class:
 * <ul>
 * <li>Audio is mono {@code float[]} blocks addressed as {@code (buf, off, n)}; stereo is two
 *     arrays. {@code process} replaces (or filters in place), {@code processAdd} adds with a
 *     gain, {@code processMultiply} scales; {@code next()} renders one sample where natural.</li>
 * <li>The per-block and per-sample methods never allocate and never throw for bad numbers:
 *     NaN, infinite, negative or huge parameters are clamped to documented ranges, non-finite
 *     audio input is treated as silence, and filter states reset if they ever go non-finite.
 *     Recursive states are flushed to 0 before they decay into slow denormals.</li>
 * <li>Objects are single-threaded (one per voice or bus). The only shared state is the
 *     immutable {@link dev.riffcode.engine.dsp.Wavetables} set, built on first use.</li>
 * </ul>
 */
package dev.riffcode.engine.dsp;
