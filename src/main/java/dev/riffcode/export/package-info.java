/**
 * What a render can hand to other tools besides its mix: stems (one WAV per part of the script) and a Standard MIDI
 * File of the score. Built on {@code score} and {@code engine}; the command line reaches it through {@code studio}.
 */
package dev.riffcode.export;
