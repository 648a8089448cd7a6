/**
 * The Python-facing Riffcode API: the {@code riffcode} Python module (a resource next to this
 * package), the bootstrap that loads it into a sandboxed context, and {@link dev.riffcode.api.ScoreBuilder},
 * the only Java object a script can reach. The module's docstrings are the single source of the
 * API reference given to people, to the LLM and to the editor.
 */
package dev.riffcode.api;
