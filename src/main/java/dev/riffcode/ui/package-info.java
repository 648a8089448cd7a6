/**
 * The desktop editor ({@code ./riffcode edit}): a Swing window with a Python editor, Run and Stop through live play, a
 * prompt bar for the generator, autosave and export. It only calls the layers below it (live, llm, session, studio);
 * nothing here is needed by the command line. The scopes ({@code ui.scope}) and the history panel
 * ({@code ui.history}) take their places in {@link dev.riffcode.ui.MainWindow} where placeholders stand now.
 */
package dev.riffcode.ui;
