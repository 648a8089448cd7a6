package dev.riffcode.cli;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.llm.LlmSettings;
import dev.riffcode.samples.SampleConfig;
import dev.riffcode.samples.SampleLibrary;
import dev.riffcode.studio.RenderOptions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks and conversions shared by the commands; a bad value is a usage error (exit 2) that says what is allowed. */
final class CliOptions {

    private CliOptions() {
    }

    static RenderOptions renderOptions(CommandSpec spec, int rate, String bits, Double seconds, double timeout,
            double maxSeconds) {
        if (rate != 44_100 && rate != 48_000) {
            throw new ParameterException(spec.commandLine(), "--rate must be 44100 or 48000, got " + rate);
        }
        WavFormat format;
        try {
            format = WavFormat.fromCliName(bits);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--bits must be 16, 24 or 32f, got " + bits);
        }
        if (!(timeout > 0 && timeout <= 600)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be between 0 and 600 seconds, got " + timeout);
        }
        if (!(maxSeconds > 0 && maxSeconds <= 3 * 3600)) {
            throw new ParameterException(spec.commandLine(), "--max-seconds must be between 0 and 10800, got " + maxSeconds);
        }
        if (seconds != null && !(seconds > 0 && seconds <= maxSeconds)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be more than 0 and at most --max-seconds ("
                    + maxSeconds + "), got " + seconds);
        }
        return new RenderOptions(rate, format, seconds == null ? OptionalDouble.empty() : OptionalDouble.of(seconds),
                maxSeconds, Math.round(timeout * 1000));
    }

    /**
     * The sample library of the {@code --samples} folders (each must exist), then the config file's
     * {@code sample_folders} (one that is missing is skipped, with a warning).
     */
    static SampleLibrary sampleLibrary(CommandSpec spec, List<Path> flagged) {
        List<Path> folders = new ArrayList<>();
        for (Path f : flagged) {
            if (!Files.isDirectory(f)) {
                throw new ParameterException(spec.commandLine(), "--samples " + f + ": "
                        + (Files.exists(f) ? "not a folder" : "no such folder"));
            }
            folders.add(f);
        }
        Path config = LlmSettings.defaultConfigFile(System.getenv());
        try {
            for (Path f : SampleConfig.folders(config)) {
                if (Files.isDirectory(f)) {
                    folders.add(f);
                } else {
                    System.err.println("riffcode: the sample folder " + f + " (sample_folders in " + config
                            + ") does not exist; skipped");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return SampleLibrary.of(folders);
    }

    static String readScript(CommandSpec spec, Path script) throws IOException {
        try {
            return scriptText(script);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no such script: " + script);
        } catch (CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), script + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            if (Files.isDirectory(script)) {
                throw new ParameterException(spec.commandLine(), script + " is a directory, not a script");
            }
            throw e;
        }
    }

    /** A script's text, strictly UTF-8 ({@link CharacterCodingException} otherwise). */
    static String scriptText(Path script) throws IOException {
        byte[] bytes = Files.readAllBytes(script);
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
