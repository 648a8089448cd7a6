package dev.riffcode.llm;

import dev.riffcode.runtime.ScriptError;
import dev.riffcode.session.Origin;
import dev.riffcode.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Records a generation's steps in its session (each answer, code version, validation, repair and model failure) and
 * passes every step on to a second listener that shows it: the terminal for {@code generate}, the event stream for
 * the service. Both record exactly the same steps in the same order.
 */
public final class SessionRecorder implements Generator.Listener {

    private final Session session;
    private final boolean offline;
    private final Generator.Listener display;
    private Integer lastVersion;

    /**
     * @param offline  true when the offline generator writes the code (its versions are recorded as such)
     * @param imported the version of the script being edited, already recorded, or null
     * @param display  told every step after it is recorded; the version number it returns from {@code code} is ignored
     */
    public SessionRecorder(Session session, boolean offline, Integer imported, Generator.Listener display) {
        this.session = session;
        this.offline = offline;
        this.lastVersion = imported;
        this.display = display;
    }

    /** The newest version recorded (or imported), or null. */
    public Integer lastVersion() {
        return lastVersion;
    }

    @Override
    public void token(String token) {
        display.token(token);
    }

    @Override
    public void answer(ChatResult answer) {
        record(() -> session.answer(answer.text(), answer.model(), answer.finishReason(), answer.promptTokens(),
                answer.completionTokens(), answer.elapsedMillis(), answer.partial()));
        display.answer(answer);
    }

    @Override
    public int code(String code, boolean repair, Integer parent) {
        Origin origin = repair ? Origin.REPAIR : offline ? Origin.OFFLINE : lastVersion != null ? Origin.EDIT : Origin.LLM;
        Integer from = parent != null ? parent : lastVersion;
        try {
            lastVersion = session.codeVersion(code, origin, from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        display.code(code, repair, from);
        return lastVersion;
    }

    @Override
    public void validation(int version, ScriptError error, String soundProblem) {
        String problem = error != null ? error.format() : soundProblem;
        record(() -> session.validation(version, problem, error == null || error.line() == 0 ? null : error.line()));
        display.validation(version, error, soundProblem);
    }

    @Override
    public void repair(int version, String reason) {
        record(() -> session.repair(version, reason));
        display.repair(version, reason);
    }

    @Override
    public void failure(LlmException error) {
        if (!error.partialText().isEmpty()) {
            record(() -> session.answer(error.partialText(), null, null, null, null, 0, true));
        }
        record(() -> session.error("model:" + error.kind().name().toLowerCase(), error.getMessage()));
        display.failure(error);
    }

    private interface Write {
        int run() throws IOException;
    }

    private static void record(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the session: " + e.getMessage(), e);
        }
    }
}
