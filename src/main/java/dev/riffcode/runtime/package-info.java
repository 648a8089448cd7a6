/**
 * Runs untrusted Python in a sandbox. Scripts run in a supervised worker process (its own heap
 * limit, kept warm with a spare GraalPy context) that the app can kill and replace: in-process
 * limits alone cannot stop every runaway script. The worker sends back a {@link dev.riffcode.score.Score}
 * or a {@link dev.riffcode.runtime.ScriptError} that names the file, line and what to do.
 */
package dev.riffcode.runtime;
