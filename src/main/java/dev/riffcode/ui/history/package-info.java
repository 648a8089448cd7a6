/**
 * The session's story on screen, for the desktop editor: {@link dev.riffcode.ui.history.HistoryModel}
 * turns a session's steps into entries with each version's diff against its parent
 * ({@link dev.riffcode.ui.history.VersionDiff}); {@link dev.riffcode.ui.history.HistoryPanel} shows
 * them with Play and Restore per version; {@link dev.riffcode.ui.history.SessionBrowser} picks an
 * earlier session. No audio, Python or model calls here: the panel asks its listener to play or
 * restore, and the editor does it.
 */
package dev.riffcode.ui.history;
