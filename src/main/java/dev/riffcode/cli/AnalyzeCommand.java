package dev.riffcode.cli;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavReader;
import dev.riffcode.hearing.Hearing;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code riffcode analyze FILE.wav [--json]}. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {
            "Listen to a WAV file and report what is in it: length; tempo from the onsets, with a confidence, and "
                    + "whether the bar is in three or four; the pitch classes played and the most likely key; "
                    + "integrated loudness (EBU R 128, LUFS) and true peak (dBTP); brightness (spectral centroid); "
                    + "stereo width; onsets per second; silences of 2 s or more.",
            "",
            "The same report follows every render and generate, and is kept in the session as vN.report.json."},
        footer = {
            "",
            "Examples:",
            "  ./riffcode analyze song.wav",
            "  ./riffcode analyze song.wav --json > song.report.json",
            "",
            "Exit codes: 0 ok, 1 the file could not be read, 2 wrong command line."})
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.wav", description = "the WAV file to listen to (PCM 8/16/24/32-bit or float)")
    Path file;

    @Option(names = "--json", description = "print the report as JSON (the layout of report.json in sessions)")
    boolean json;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            System.err.println("riffcode: " + (Files.isDirectory(file) ? file + " is a directory, not a WAV file"
                    : "no such file: " + file));
            return 1;
        }
        AudioClip clip;
        try {
            clip = WavReader.read(file);
        } catch (IOException e) {
            System.err.println("riffcode: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        HearingReport report = Hearing.analyze(clip);
        if (json) {
            System.out.print(ReportJson.write(report));
        } else {
            System.out.println(file + ":");
            for (String line : report.lines()) {
                System.out.println("  " + line);
            }
            System.out.printf("  (analysed in %.1f s)%n", report.analysisMillis() / 1000);
        }
        System.out.flush();
        return 0;
    }
}
