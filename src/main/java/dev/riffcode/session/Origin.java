package dev.riffcode.session;

/** Where a code version came from. Stored in lower case in {@code session.json}. */
public enum Origin {
    /** Extracted from a model answer to a new prompt. */
    LLM,
    /** Written by the model to fix an earlier version that failed. */
    REPAIR,
    /** Made without a model (a template or an offline generator). */
    OFFLINE,
    /** Typed or changed by the user by hand. */
    MANUAL,
    /** Written by the model from an "edit this code" prompt. */
    EDIT,
    /** Brought in from a file. */
    IMPORT,
    /** Saved and evaluated while the script played live. */
    LIVE;

    /** How a person reads this origin, such as "repaired by the model" (the story and the history panel). */
    public String description() {
        return switch (this) {
            case LLM -> "written by the model";
            case REPAIR -> "repaired by the model";
            case EDIT -> "changed by the model";
            case MANUAL -> "edited by hand";
            case OFFLINE -> "made without a model";
            case IMPORT -> "imported from a file";
            case LIVE -> "saved while playing live";
        };
    }
}
