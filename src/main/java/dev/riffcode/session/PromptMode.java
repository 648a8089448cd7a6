package dev.riffcode.session;

/** Whether a prompt asks for a new piece or for a change to the current code. */
public enum PromptMode {
    /** Write a new piece from scratch. */
    NEW,
    /** Change the latest code version. */
    EDIT
}
