package dev.riffcode.cli;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.samples.BuiltinSamples;
import dev.riffcode.samples.SampleIndex;
import dev.riffcode.samples.SampleLibrary;
import dev.riffcode.samples.SampleNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code riffcode samples}: the names {@code sample("NAME")} can play, built in and in the sample folders. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = {"List the samples a script can play with sample(\"NAME\"): the built-in ones and the WAV, "
                + "FLAC and MP3 files in the sample folders (--samples DIR, then \"sample_folders\" in the config "
                + "file), by the names scripts use.",
            "",
            "A name found in two folders plays from the first; such names are marked. Links that lead out of a "
                    + "folder are listed as refused."},
        footer = {"",
            "Examples:",
            "  ./riffcode samples",
            "  ./riffcode samples --samples ~/kits snare",
            "  ./riffcode samples --export builtin-wavs",
            "",
            "Exit codes: 0 ok, 1 a file could not be written, 2 wrong command line."})
final class SamplesCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "WORD", description = "list only the names that contain this word")
    String word;

    @Option(names = "--samples", paramLabel = "DIR", description = "a sample folder (repeatable; looked up in order, then the config file's \"sample_folders\")")
    List<Path> samples = new ArrayList<>();

    @Option(names = "--export", paramLabel = "DIR", description = "write the built-in samples to this folder as 16-bit 44.1 kHz WAV files")
    Path export;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SampleLibrary library = CliOptions.sampleLibrary(spec, samples);
        if (export != null) {
            return export();
        }
        StringBuilder out = new StringBuilder("Built in (always there):\n");
        int shown = 0;
        for (Map.Entry<String, String> e : BuiltinSamples.descriptions().entrySet()) {
            if (matches(e.getKey())) {
                out.append(String.format("  %-20s %s%n", e.getKey(), e.getValue()));
                shown++;
            }
        }
        SampleIndex index = library.index();
        Set<String> seen = new HashSet<>();
        for (SampleIndex.Folder folder : index.folders()) {
            out.append('\n').append(folder.path()).append(":\n");
            int inFolder = 0;
            for (String file : folder.files()) {
                String name = SampleNames.withoutExtension(file);
                if (!matches(name)) {
                    continue;
                }
                String format = file.substring(file.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
                boolean first = seen.add(name);
                out.append(String.format("  %-20s %s%s%n", name, format,
                        first ? "" : "  (not played: an earlier folder or format has this name)"));
                inFolder++;
            }
            for (Map.Entry<String, String> r : folder.refused().entrySet()) {
                out.append(String.format("  %-20s refused: %s%n", r.getKey(), r.getValue()));
            }
            if (inFolder == 0) {
                out.append(word == null ? "  (no WAV, FLAC or MP3 files)\n" : "  (none with '" + word + "')\n");
            }
            shown += inFolder;
        }
        if (index.folders().isEmpty()) {
            out.append("\nNo sample folders: give --samples DIR, or list them as \"sample_folders\" in the config "
                    + "file.\n");
        }
        if (index.truncated()) {
            out.append("\nThe folders hold too many files: only the first were indexed.\n");
        }
        out.append('\n').append(shown == 1 ? "1 sample" : shown + " samples")
                .append(". Play one with sample(\"NAME\"); ./riffcode reference has its options.\n");
        System.out.print(out);
        return 0;
    }

    private boolean matches(String name) {
        return word == null || name.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT));
    }

    private int export() throws IOException {
        Files.createDirectories(export);
        for (String name : BuiltinSamples.names()) {
            if (!matches(name)) {
                continue;
            }
            Path file = export.resolve(name.substring(BuiltinSamples.PREFIX.length()) + ".wav");
            WavWriter.writeAtomically(file, BuiltinSamples.audio(name, 44_100), WavFormat.PCM_16);
            System.err.println("riffcode: wrote " + file);
        }
        return 0;
    }
}
