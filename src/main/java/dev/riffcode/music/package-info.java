/**
 * Music theory as pure functions: note names and MIDI numbers, frequencies, scales, chords,
 * keys and tempo arithmetic, plus the small text readers that find a key, an allowed-note
 * list or a tempo in a prompt. The Python API reaches these through a thin facade and the
 * offline prompt-to-code generator uses them to understand prompts, so every class here is
 * stateless, every result is immutable, and bad input fails with an
 * {@link java.lang.IllegalArgumentException} whose message says what was wrong and what is
 * accepted.
 */
package dev.riffcode.music;
