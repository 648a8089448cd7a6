package dev.riffcode.export;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.engine.MasterSection;
import dev.riffcode.engine.OfflineRender;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.OutputRoute;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Stems: one WAV file per part of a script (the main script is {@code main}, each live_loop and in_thread is named
 * after itself), each as long as the mix, so they line up in any audio editor.
 *
 * <p>A stem is the whole score rendered with only its part's notes, samples and unit-graph outputs sounding: every
 * effect is there, so a part's sound goes through its own effects, and effects a part shares with others (a
 * {@code with_fx} around a live_loop) run once per stem. Reverb, echo, filters and chorus are linear, so those
 * stems still add up to the mix; distortion is not, and a distortion fed by two parts is named by
 * {@link #sharedNonlinearEffects}.
 *
 * <p>Each stem goes through a master section of its own (DC blocker and the -0.3 dBFS look-ahead limiter), so no
 * stem file can exceed 0 dBFS. Below the ceiling the limiter's gain is exactly 1, so the stems add up to the mix
 * sample for sample; a stem whose part went over the ceiling was limited ({@link Written#limited()}), and is then
 * quieter at its peaks than its share of the mix.
 */
public final class Stems {

    /** Effects whose output is not the sum of what each input alone would give. */
    private static final Set<String> NONLINEAR_EFFECTS = Set.of("distortion");
    private static final int MAX_NAME = 60;

    private Stems() {
    }

    /** A part and the file its stem goes to (a name safe on every file system, unique in its folder). */
    public record Stem(String strand, String fileName) {
    }

    /** A stem that was written, and what its render measured. */
    public record Written(Stem stem, Path file, OfflineRender.Result result, double ceiling) {
        /** True when the part went over the ceiling and its limiter had to bring it down. */
        public boolean limited() {
            return result.inputPeak() > ceiling;
        }
    }

    /** One stem per part that makes a sound, in {@link Score#strands()} order. */
    public static List<Stem> plan(Score score) {
        List<Stem> stems = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String strand : score.strands()) {
            String base = safeName(strand);
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            stems.add(new Stem(strand, name + ".wav"));
        }
        return stems;
    }

    /**
     * A file name for a part: the script chose the name, so anything but letters, digits, '-' and '_' becomes '_'
     * (no path, no hidden file, nothing a shell would read specially).
     */
    static String safeName(String strand) {
        String name = strand.replaceAll("[^A-Za-z0-9_-]", "_");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return name.isEmpty() || name.startsWith("-") ? "part" + name : name;
    }

    /**
     * The nonlinear effects (distortion) that more than one part plays into, each said in a sentence: there each
     * stem runs its own copy of the effect, so those stems add up to the mix only approximately.
     */
    public static List<String> sharedNonlinearEffects(Score score) {
        List<String> shared = new ArrayList<>();
        for (FxBus fx : score.fx()) {
            if (!NONLINEAR_EFFECTS.contains(fx.kind())) {
                continue;
            }
            Set<String> feeding = new LinkedHashSet<>();
            for (NoteEvent n : score.notes()) {
                if (inside(score, n.bus(), fx.id())) {
                    feeding.add(n.strand());
                }
            }
            for (SampleHit h : score.samples()) {
                if (inside(score, h.bus(), fx.id())) {
                    feeding.add(h.strand());
                }
            }
            for (OutputRoute r : score.graph().outputs()) {
                if (inside(score, r.bus(), fx.id())) {
                    feeding.add(r.strand());
                }
            }
            if (feeding.size() > 1) {
                List<String> parts = score.strands().stream().filter(feeding::contains).toList();
                shared.add("the " + fx.kind() + " effect opened by " + fx.strand() + " is played into by "
                        + String.join(", ", parts) + ": it is not linear, and each stem runs its own copy, so these "
                        + "stems add up to the mix only approximately (give each part its own with_fx for exact stems)");
            }
        }
        return shared;
    }

    /** True when {@code bus} is {@code fx} or nested inside it. */
    private static boolean inside(Score score, int bus, int fx) {
        for (int b = bus; b != 0; b = score.fx().get(b - 1).parent()) {
            if (b == fx) {
                return true;
            }
        }
        return false;
    }

    /**
     * Renders every stem into {@code folder} (created if missing), each exactly {@code frames} long (the mix's
     * length). Each file is written whole or not at all.
     *
     * @param written told of each stem as it is done
     */
    public static List<Written> write(OfflineRender render, Score score, long frames, int sampleRate, Path folder,
            WavFormat format, Consumer<Written> written) throws IOException {
        Files.createDirectories(folder);
        double ceiling = new MasterSection(sampleRate).ceiling();
        OptionalDouble seconds = OptionalDouble.of(frames / (double) sampleRate);
        List<Written> out = new ArrayList<>();
        for (Stem stem : plan(score)) {
            Path file = folder.resolve(stem.fileName());
            OfflineRender.Result result = render.toWav(score, stem.strand(), seconds, file, format, f -> { });
            Written w = new Written(stem, file, result, ceiling);
            out.add(w);
            written.accept(w);
        }
        return out;
    }
}
