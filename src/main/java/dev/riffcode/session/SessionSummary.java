package dev.riffcode.session;

import java.time.Instant;
import java.util.Comparator;

/**
 * One line of {@link SessionStore#list()}.
 *
 * @param name the folder name, which is also what {@link SessionStore#open(String)} takes
 * @param title the name given when the session was created, or null
 * @param errors failed validations plus recorded errors
 * @param lastActivity time of the last step, or the creation time if there is none
 * @param problem why the session could not be read, or null; the counts are 0 then
 */
public record SessionSummary(String name, String title, Instant created, int prompts, int versions,
        int renders, int errors, Instant lastActivity, String problem) {

    /**
     * The order of {@link SessionStore#list()}: newest first by creation time, unreadable sessions
     * (which have none) last; ties by folder name, which starts with the creation time.
     */
    public static final Comparator<SessionSummary> NEWEST_FIRST = Comparator
            .comparing(SessionSummary::created, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(SessionSummary::name, Comparator.reverseOrder());

    static SessionSummary of(String name, SessionJson.Index index) {
        int prompts = 0;
        int versions = 0;
        int renders = 0;
        int errors = 0;
        for (Step step : index.steps()) {
            if (step instanceof Step.Prompt) {
                prompts++;
            } else if (step instanceof Step.Code) {
                versions++;
            } else if (step instanceof Step.Render) {
                renders++;
            } else if (step instanceof Step.Failure
                    || step instanceof Step.Validation v && !v.ok()) {
                errors++;
            }
        }
        Instant last = index.steps().isEmpty() ? index.created()
                : index.steps().get(index.steps().size() - 1).time();
        return new SessionSummary(name, index.title(), index.created(), prompts, versions, renders, errors,
                last, null);
    }
}
