/**
 * Live play: a script keeps playing while its code changes. Each saved version runs once in its own sandboxed
 * context (its top level); its live loops then run one pass at a time, a little ahead of the audio (the
 * schedule-ahead window), and what each pass plays is queued to the live renderer on exact frames. A new version
 * takes over at the next beat: loops that stay take their new body at their next pass and keep their time and
 * tick counters, new loops start on the beat, loops that are gone stop after their current pass. A version that
 * fails changes nothing that plays. This package knows nothing of devices, terminals or Swing.
 */
package dev.riffcode.live;
