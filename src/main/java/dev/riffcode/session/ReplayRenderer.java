package dev.riffcode.session;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders one code version again, for {@link Session#replay(ReplayRenderer)}. The real one runs
 * the code in the sandbox and renders it like a normal render; tests use a small stand-in.
 */
@FunctionalInterface
public interface ReplayRenderer {

    /**
     * Renders {@code code}, which is version {@code version} of the session.
     *
     * @return a rendered WAV file (the session moves it into its folder) or the error
     * @throws IOException if rendering could not even be tried; replay records it and goes on
     */
    Result render(int version, String code) throws IOException;

    /**
     * What one render gave: either a finished WAV file with its figures, or an error.
     *
     * @param wav a complete WAV file that the session may move, or null on error
     * @param peakDbfs peak level (negative infinity for silence)
     * @param error the error message, or null if the render worked
     * @param line the script line of the error, or null
     * @param report the hearing report of the audio (JSON), or null for none
     */
    record Result(Path wav, double seconds, int sampleRate, double peakDbfs, String error, Integer line,
            byte[] report) {

        /** A result without a hearing report. */
        public Result(Path wav, double seconds, int sampleRate, double peakDbfs, String error, Integer line) {
            this(wav, seconds, sampleRate, peakDbfs, error, line, null);
        }

        /** A successful render. */
        public static Result rendered(Path wav, double seconds, int sampleRate, double peakDbfs) {
            return new Result(wav, seconds, sampleRate, peakDbfs, null, null, null);
        }

        /** A successful render with its hearing report (JSON). */
        public static Result rendered(Path wav, double seconds, int sampleRate, double peakDbfs, byte[] report) {
            return new Result(wav, seconds, sampleRate, peakDbfs, null, null, report);
        }

        /** A script that did not run or did not render. */
        public static Result failed(String error, Integer line) {
            return new Result(null, 0, 0, 0, error, line);
        }

        /** True if there is a WAV file. */
        public boolean ok() {
            return error == null && wav != null;
        }
    }

    /**
     * What replay did for one version.
     *
     * @param step id of the step recorded for it: a render, a failed validation or an error
     * @param error why it failed, or null if it rendered
     */
    record Replayed(int version, boolean ok, int step, String error) {
    }
}
