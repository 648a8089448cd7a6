package dev.riffcode.cli;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.clip.ClipException;
import dev.riffcode.clip.ClipFiles;
import dev.riffcode.clip.SpectrogramConverter;
import dev.riffcode.clip.SpectrogramParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riffcode spectrogram IN.wav -o OUT.png} and {@code riffcode spectrogram IN.png -o OUT.wav}. */
@Command(name = "spectrogram", mixinStandardHelpOptions = true,
        description = {
            "Turn a WAV file into a Riffusion spectrogram picture, or a picture back into sound. No server needed.",
            "",
            "The picture is Riffusion's: one column per 10 ms, 512 rows of mel bands from 0 to 10 kHz (lowest at the "
                    + "bottom), dark where it is loud. Look at it, draw on it or edit it in any paint program, then "
                    + "hear it. Sound comes back through an inverse mel filter bank and Griffin-Lim phase "
                    + "reconstruction, so it is close in pitch and colour but not identical. Pictures made here keep "
                    + "the level of the original; others (a Riffusion server's) are normalised to -1 dBFS."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode spectrogram beat.wav -o beat.png",
            "  ./riffcode spectrogram beat.png -o again.wav",
            "",
            "Exit codes: 0 ok, 1 the input could not be read or the output written, 2 wrong command line."})
final class SpectrogramCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "a WAV file, or a PNG or JPEG spectrogram")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "OUT.png for a WAV input, OUT.wav for a picture")
    Path output;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "32",
            description = "Griffin-Lim iterations when making sound (default ${DEFAULT-VALUE}, as Riffusion)")
    int iterations;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed of the random starting phases (default ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (iterations < 0 || iterations > 1000) {
            throw new ParameterException(spec.commandLine(), "--iterations must be 0..1000, got " + iterations);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(input);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no such file: " + input);
        } catch (IOException e) {
            if (Files.isDirectory(input)) {
                throw new ParameterException(spec.commandLine(), input + " is a folder, not a file");
            }
            System.err.println("riffcode: cannot read " + input + ": " + e.getMessage());
            return 1;
        }
        boolean wav = bytes.length >= 12 && new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("RIFF");
        String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (wav && !outName.endsWith(".png")) {
            throw new ParameterException(spec.commandLine(), input + " is a WAV file, so the output is a picture: "
                    + "name it OUT.png");
        }
        if (!wav && !outName.endsWith(".wav")) {
            throw new ParameterException(spec.commandLine(), "the output of a picture is sound: name it OUT.wav"
                    + " (the input must be a WAV file, or a PNG or JPEG spectrogram)");
        }
        String unwritable = OutputFiles.problemWith(output);
        if (unwritable != null) {
            System.err.println("riffcode: " + unwritable);
            return 1;
        }
        Console console = new Console(System.err);
        long t0 = System.nanoTime();
        try {
            if (wav) {
                AudioClip clip;
                try {
                    clip = WavReader.read(bytes);
                } catch (IOException e) {
                    System.err.println("riffcode: " + input + " is not a WAV file that Riffcode can read: "
                            + e.getMessage());
                    return 1;
                }
                byte[] png = SpectrogramConverter.pictureFromAudio(clip);
                ClipFiles.writeAtomically(output, png);
                console.info(String.format(Locale.ROOT, "wrote %s: %d x %d (%.2f s of audio) in %.1f s", output,
                        SpectrogramParams.frames((int) Math.round(clip.durationSeconds() * SpectrogramParams.SAMPLE_RATE)),
                        SpectrogramParams.MEL_BANDS, clip.durationSeconds(), (System.nanoTime() - t0) / 1e9));
            } else {
                float[] audio;
                try {
                    audio = SpectrogramConverter.audioFromPicture(bytes, iterations, seed,
                            f -> console.progress("making sound", f));
                } catch (ClipException e) {
                    System.err.println("riffcode: " + input + ": " + e.getMessage());
                    return 1;
                }
                WavWriter.writeAtomically(output, AudioClip.mono(SpectrogramParams.SAMPLE_RATE, audio),
                        WavFormat.PCM_16);
                console.info(String.format(Locale.ROOT, "wrote %s: %.2f s, 44100 Hz, mono, in %.1f s", output,
                        audio.length / (double) SpectrogramParams.SAMPLE_RATE, (System.nanoTime() - t0) / 1e9));
            }
        } catch (IOException e) {
            System.err.println("riffcode: " + OutputFiles.explain(e, output) + "; nothing was left at " + output);
            return 1;
        }
        return 0;
    }
}
