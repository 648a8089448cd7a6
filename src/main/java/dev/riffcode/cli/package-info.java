/** The {@code riffcode} command line: thin commands over the runtime, engine, LLM and session layers. */
package dev.riffcode.cli;
