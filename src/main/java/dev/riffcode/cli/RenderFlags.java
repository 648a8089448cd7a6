package dev.riffcode.cli;

import dev.riffcode.studio.RenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The render options {@code render} and {@code generate} share (a picocli mixin). */
final class RenderFlags {

    @Option(names = "--seconds", paramLabel = "S", description = "render exactly S seconds (also how long live loops run)")
    Double seconds;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "44100", description = "sample rate: 44100 or 48000 (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "16", description = "sample format (default ${DEFAULT-VALUE})")
    String bits;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10", description = "stop a script that runs longer than S seconds (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "600", description = "refuse pieces longer than S seconds (default ${DEFAULT-VALUE})")
    double maxSeconds;

    @Option(names = "--samples", paramLabel = "DIR", description = {"a folder of WAV, FLAC and MP3 files that scripts can play by name, e.g. kit/snare for kit/snare.wav (repeatable; looked up in order, then the config file's sample_folders)"})
    List<Path> samples = new ArrayList<>();
    @Option(names = "--loudness", paramLabel = "LUFS", description = {"bring the piece to this integrated loudness "
            + "(EBU R 128), e.g. -14 for streaming, -23 for broadcast; peaks never pass the -0.3 dBFS ceiling"})
    Double loudness;

    @Option(names = "--stems", paramLabel = "DIR", description = {"also write one WAV per part into DIR (created if "
            + "missing): main.wav for the main script, NAME.wav for each live_loop and in_thread, each through its own "
            + "effects and as long as the mix, so they line up in an audio editor and add up to the mix; each has its "
            + "own -0.3 dBFS limiter"})
    Path stems;

    @Option(names = "--midi", paramLabel = "OUT.mid", description = {"also write the score as a Standard MIDI File "
            + "(type 1): the main script's tempo map, one track per part, velocity from amp, a General MIDI program "
            + "per synth, drums on channel 10; for a DAW or a notation program"})
    Path midi;

    @Option(names = "--no-report", description = "skip the hearing report (tempo, key, loudness...) after the render")
    boolean noReport;

    /** The checked target loudness, or null for none. */
    Double loudness(CommandSpec spec) {
        if (loudness != null && !(loudness >= -70 && loudness <= 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--loudness must be between -70 and 0 LUFS, got " + loudness);
        }
        return loudness;
    }

    /** True when the run writes more than the mix (a running service makes only the mix, so these run here). */
    boolean exports() {
        return stems != null || midi != null;
    }

    /** Checks --stems and --midi before any work is done; a usage error says what is wrong. */
    void checkExports(CommandSpec spec, Double loudness) {
        String midiProblem = midi == null ? null : OutputFiles.problemWith(midi);
        if (midiProblem != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--midi: " + midiProblem);
        }
        if (stems == null) {
            return;
        }
        if (loudness != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stems does not combine with "
                    + "--loudness yet (the stems would no longer add up to the mix): render the stems without it");
        }
        if (Files.exists(stems) && !Files.isDirectory(stems)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stems " + stems
                    + " is a file; give a folder (it is created if missing), e.g. --stems stems");
        }
    }

    /** The checked options; a bad value is a usage error that says what is allowed. */
    RenderOptions options(CommandSpec spec) {
        return checkedWithoutSamples(spec).withSamples(CliOptions.sampleLibrary(spec, samples));
    }

    /** As {@link #options}, without reading the sample folders (or the config file that lists more of them). */
    RenderOptions checkedWithoutSamples(CommandSpec spec) {
        return CliOptions.renderOptions(spec, rate, bits, seconds, timeout, maxSeconds);
    }
}
