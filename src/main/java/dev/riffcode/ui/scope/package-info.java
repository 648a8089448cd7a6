/**
 * Showing sound in the editor: {@link dev.riffcode.ui.scope.ScopesPanel} (waveform, scrolling spectrogram, stereo
 * level meter with a clip light) fed from the audio loop's {@link dev.riffcode.engine.realtime.Scope} tap or from
 * audio rendered offline, and {@link dev.riffcode.ui.scope.LoopsView} (the running live loops and where each is in
 * its pass). Nothing here runs Python or knows about sessions; the audio thread is only ever read lock-free.
 */
package dev.riffcode.ui.scope;
