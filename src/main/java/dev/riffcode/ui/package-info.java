/**
 * The desktop editor ({@code ./riffcode edit}): a Swing window with a Python editor, Run and Stop through live play, a
 * prompt bar for the generator, autosave and export. It only calls the layers below it (live, llm, session, studio);
 * nothing here is needed by the command line. The scopes and loops view ({@code ui.scope}) and the history panel
 * and session browser ({@code ui.history}) are parts of its window, wired in {@link dev.riffcode.ui.MainWindow}.
 */
package dev.riffcode.ui;
