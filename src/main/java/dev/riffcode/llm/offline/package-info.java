/**
 * The embedded offline generator: with no model configured, a prompt still becomes a script. It
 * reads the prompt (instruments, tempo, key or allowed notes, mood, length), picks parts from
 * templates/offline and writes the notes out by name. Deterministic for a given prompt and seed.
 */
package dev.riffcode.llm.offline;
