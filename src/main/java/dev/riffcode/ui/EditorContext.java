package dev.riffcode.ui;

import dev.riffcode.engine.realtime.AudioDeviceException;
import dev.riffcode.engine.realtime.AudioOutput;
import dev.riffcode.engine.realtime.AudioTap;
import dev.riffcode.engine.realtime.JavaSoundOutput;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.session.SessionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the editor finds and keeps things, and how it reaches the sound card. The app uses {@link #fromSystem}; tests
 * hand in their own folders, environment and audio output.
 *
 * @param env         the environment (for the model's settings and the display)
 * @param configFile  the user's config file: model, endpoint and keys
 * @param sessions    the session store's folder
 * @param stateDir    where autosaved text and the editor's preferences live
 * @param audio       opens the output live play plays to
 * @param taps        extra audio taps (a test's recorder): they see every block that is played
 */
public record EditorContext(Map<String, String> env, Path configFile, Path sessions, Path stateDir, AudioOpener audio,
        List<AudioTap> taps) {

    /** Opens the audio output; throws with a message a person can act on when there is none. */
    @FunctionalInterface
    public interface AudioOpener {
        AudioOutput open(int sampleRate) throws AudioDeviceException;
    }

    /**
     * The output buffer: short enough to feel immediate, long enough not to drop out on a busy machine. At 50 ms a
     * 60-90 ms stall (other work on both cores) ran it dry, and through ALSA's pulse plugin a dry line stays silent for
     * 1.9 s while it restarts; 100 ms rode those out in the benchmark's traces.
     */
    public static final int LATENCY_MILLIS = 100;

    public static EditorContext fromSystem() {
        Map<String, String> env = System.getenv();
        return new EditorContext(env, LlmSettings.defaultConfigFile(env), SessionStore.defaultRoot(), stateDir(env),
                rate -> JavaSoundOutput.open(null, rate, LATENCY_MILLIS), List.of());
    }

    /** {@code $XDG_STATE_HOME/riffcode}, else {@code ~/.local/state/riffcode}. */
    static Path stateDir(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("riffcode");
    }
}
