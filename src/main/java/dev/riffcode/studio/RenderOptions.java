package dev.riffcode.studio;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.runtime.RunRequest;
import dev.riffcode.samples.SampleLibrary;
import java.util.OptionalDouble;

/**
 * How to run and render a script.
 *
 * @param seconds       exact render length; empty means "the piece's own length plus its tail"
 *                      (live loops then run for {@link RunRequest#DEFAULT_LOOP_SECONDS})
 * @param maxSeconds    longest piece accepted; longer ones are refused before rendering
 * @param timeoutMillis wall-time bound for running the script
 * @param samples       the sample folders and clips the script may play
 */
public record RenderOptions(int sampleRate, WavFormat format, OptionalDouble seconds, double maxSeconds, long timeoutMillis,
        SampleLibrary samples) {

    public RenderOptions {
        samples = samples == null ? SampleLibrary.none() : samples;
    }

    public RenderOptions(int sampleRate, WavFormat format, OptionalDouble seconds, double maxSeconds, long timeoutMillis) {
        this(sampleRate, format, seconds, maxSeconds, timeoutMillis, SampleLibrary.none());
    }

    public static RenderOptions defaults() {
        return new RenderOptions(44_100, WavFormat.PCM_16, OptionalDouble.empty(), RunRequest.DEFAULT_MAX_SECONDS,
                RunRequest.DEFAULT_TIMEOUT_MILLIS);
    }

    public RenderOptions withSeconds(double s) {
        return new RenderOptions(sampleRate, format, OptionalDouble.of(s), maxSeconds, timeoutMillis, samples);
    }

    public RenderOptions withTimeoutMillis(long millis) {
        return new RenderOptions(sampleRate, format, seconds, maxSeconds, millis, samples);
    }

    public RenderOptions withSamples(SampleLibrary library) {
        return new RenderOptions(sampleRate, format, seconds, maxSeconds, timeoutMillis, library);
    }

    /** The run request; it carries the names in the sample folders as they are now (walked again each time). */
    RunRequest request(String name, String code) {
        double horizon = seconds.orElse(RunRequest.DEFAULT_LOOP_SECONDS);
        return new RunRequest(name, code, horizon, maxSeconds, timeoutMillis, samples.index());
    }
}
