/**
 * The session store: a faithful, crash-safe record of everything that happens while a student
 * makes music with Riffcode.
 *
 * <p>Every prompt (with model and endpoint, never the key), raw model answer, code version,
 * validation result, repair, render and manual edit becomes a {@link dev.riffcode.session.Step} of
 * a {@link dev.riffcode.session.Session}. A session is a folder under the
 * {@link dev.riffcode.session.SessionStore}'s root, readable without Riffcode:
 *
 * <pre>
 * sessions/20250301-140509-techno-beat/
 *   session.json      the index: title, creation time, and the steps in order
 *   answer-1.txt      a model's raw answer, byte for byte
 *   prompt-2.txt      a prompt too long to keep in the index
 *   v1.py, v2.py      code versions
 *   v2.wav            a render of version 2 (v2-2.wav for the next render of it)
 * </pre>
 *
 * <p>The index names each file with its size and SHA-256. Files are written before the index that
 * names them, and every write is a rename of a synced temporary file followed by a sync of the
 * folder, so killing the process at any moment leaves the session as it was just before or just
 * after a step and, where the system can sync a folder, a power cut loses no step that was
 * reported as recorded. Anything that looks like an API key is scrubbed before it is written
 * ({@link dev.riffcode.session.Secrets}).
 *
 * <p>{@link dev.riffcode.session.Session#export(java.nio.file.Path)} zips a session with a
 * README.md that tells its story for a teacher; {@link dev.riffcode.session.Session#replay} renders
 * every version again; {@link dev.riffcode.session.SessionsCommand} offers both on the command line.
 */
package dev.riffcode.session;
