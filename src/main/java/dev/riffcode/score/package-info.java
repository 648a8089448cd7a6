/**
 * The score: what a script describes, as plain data. Python builds it in the sandbox, the
 * engine renders it. Everything here is immutable and serialisable to JSON, so a score can
 * cross the process boundary from the sandboxed worker and be kept in a session.
 * Times are in seconds (the script's beats already converted at the tempo in force).
 */
package dev.riffcode.score;
