/**
 * What the app does with a script, whoever asks (command line, editor, LLM validation): run it in
 * the sandbox, check the score against the limits, render it. Holds no UI and no model code.
 */
package dev.riffcode.studio;
