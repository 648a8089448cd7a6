package dev.riffcode.cli;

import dev.riffcode.audio.WavReader;
import dev.riffcode.hearing.HearingReport;
import dev.riffcode.hearing.LoudnessNormalizer;
import dev.riffcode.hearing.ReportJson;
import dev.riffcode.hearing.VariationDistance;
import dev.riffcode.llm.ChatModel;
import dev.riffcode.llm.Generator;
import dev.riffcode.llm.SessionRecorder;
import dev.riffcode.session.Session;
import dev.riffcode.studio.RenderOptions;
import dev.riffcode.studio.Studio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * {@code generate -n N}: several candidates for one prompt, each generated on its own (a distinct
 * seed for the offline generator, a separate request for a model), checked as usual, rendered and
 * listened to. A candidate whose {@link VariationDistance} to one already kept is below
 * {@link #MIN_DISTANCE} is set aside and another is made, at most {@code N} extra times in all.
 * Every candidate, kept or not, stays in the session with its render and report; the kept ones
 * are written as OUT-1.wav … OUT-N.wav with their scripts (or only the picked one, as OUT.wav).
 * With a loudness target every candidate is rendered at it, so what is heard, kept and written is the same.
 */
final class Variations {

    /** Candidates closer than this to one already kept are replaced (while retries last). */
    static final double MIN_DISTANCE = 0.12;

    /** A kept candidate: its session version, seed (offline) and what was heard. */
    record Candidate(int version, long seed, String code, Path wav, HearingReport report) {
    }

    private final Session session;
    private final Studio studio;
    private final RenderOptions options;
    private final Console console;
    private final Path output;
    private final Double loudness;
    private boolean firstSeedUsed;

    /** @param loudness the integrated loudness (LUFS) every candidate is brought to, or null to leave it */
    Variations(Session session, Studio studio, RenderOptions options, Console console, Path output, Double loudness) {
        this.session = session;
        this.studio = studio;
        this.options = options;
        this.console = console;
        this.output = output;
        this.loudness = loudness;
    }

    /** What one candidate's generation needs: a model for a seed, and a generator for a script name. */
    interface Maker {
        ChatModel model(long seed);

        Generator generator(ChatModel model, String scriptName);

        SessionRecorder recorder();
    }

    /**
     * Makes {@code n} candidates that differ, then writes them (all, or only {@code pick}, 1-based).
     *
     * @return the exit code: 0 when {@code n} candidates were kept, 1 when fewer passed
     */
    int run(Generator.Request request, int n, Integer pick, Long firstSeed, Maker maker) throws IOException {
        List<Candidate> kept = new ArrayList<>();
        int extra = 0;
        long seed = firstSeed == null ? 0 : firstSeed;
        int attempts = 0;
        Path scratch = Files.createTempDirectory(output.toAbsolutePath().getParent(), ".riffcode-variations-");
        try {
            while (kept.size() < n && attempts < 2 * n) {
                attempts++;
                long thisSeed = seed++;
                console.info(String.format(Locale.ROOT, "── candidate %d (for variation %d of %d%s) ──", attempts,
                        kept.size() + 1, n, firstSeed == null ? "; a new request" : "; seed " + thisSeed));
                String name = scriptName(kept.size() + 1);
                SessionRecorder recorder = maker.recorder();
                Generator.Result result = maker.generator(maker.model(thisSeed), name).generate(request, recorder);
                System.out.println();
                if (!result.ok()) {
                    console.info("candidate " + attempts + " failed: " + result.failure());
                    session.note("variation candidate " + attempts + " failed: " + result.failure());
                    continue;
                }
                Path wav = scratch.resolve("candidate-" + attempts + ".wav");
                Studio.Outcome out;
                LoudnessNormalizer.Result normalized = null;
                if (loudness != null) {
                    Studio.Normalized atLoudness = studio.renderToWavAtLoudness(name, result.code(), options, wav,
                            loudness);
                    out = atLoudness.outcome();
                    normalized = atLoudness.loudness();
                } else {
                    out = studio.renderToWav(name, result.code(), options, wav, f -> { });
                }
                if (!out.ok()) {
                    session.error("render", out.error().format(), recorder.lastVersion());
                    console.info("candidate " + attempts + " did not render: " + out.error().format());
                    continue;
                }
                if (normalized != null) {
                    session.note(normalized.describe());
                    console.info("  " + normalized.describe());
                }
                HearingReport heard = studio.hear(WavReader.read(wav), out.score(), options);
                var r = out.render();
                session.render(recorder.lastVersion(), Files.readAllBytes(wav), r.seconds(), r.sampleRate(),
                        r.peakDbfs(), ReportJson.bytes(heard));
                Candidate candidate = new Candidate(recorder.lastVersion(), thisSeed, result.code(), wav, heard);
                console.info("  heard: " + summary(heard));
                Candidate nearest = null;
                VariationDistance.Parts closest = null;
                for (Candidate k : kept) {
                    VariationDistance.Parts d = VariationDistance.between(k.report(), heard);
                    if (closest == null || d.total() < closest.total()) {
                        closest = d;
                        nearest = k;
                    }
                }
                int nearestIndex = kept.indexOf(nearest) + 1;
                if (closest != null && closest.total() < MIN_DISTANCE && extra < n) {
                    extra++;
                    String why = String.format(Locale.ROOT, "variation candidate %d (version %d) set aside: distance %s "
                            + "to variation %d, under %.2f", attempts, candidate.version(), closest.describe(),
                            nearestIndex, MIN_DISTANCE);
                    console.info("  " + why.substring("variation ".length()) + "; making another");
                    session.note(why);
                    continue;
                }
                if (closest != null) {
                    boolean tooClose = closest.total() < MIN_DISTANCE;
                    console.info("  distance to the nearest kept (variation " + nearestIndex + "): " + closest.describe()
                            + (tooClose ? "; kept anyway, the " + n + " extra tries are spent" : ""));
                    if (tooClose) {
                        session.note(String.format(Locale.ROOT, "variation candidate %d (version %d) kept though %.2f "
                                + "from variation %d: the extra tries are spent", attempts, candidate.version(),
                                closest.total(), nearestIndex));
                    }
                }
                kept.add(candidate);
            }
            firstSeedUsed = firstSeed != null;
            return write(kept, n, pick);
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private int write(List<Candidate> kept, int n, Integer pick) throws IOException {
        if (kept.isEmpty()) {
            System.err.println("riffcode: no candidate passed; every attempt is kept in session " + session.name());
            return 1;
        }
        List<HearingReport> reports = kept.stream().map(Candidate::report).toList();
        double mean = VariationDistance.meanPairwise(reports);
        console.info("Variations (distance 0 = the same on every measure, 1 = as far apart as can be):");
        StringBuilder header = new StringBuilder("       ");
        for (int j = 1; j <= kept.size(); j++) {
            header.append(String.format(Locale.ROOT, "%6d", j));
        }
        console.info(header.toString());
        List<String> matrix = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-5d", i + 1));
            for (int j = 0; j < kept.size(); j++) {
                row.append(i == j ? "     -" : String.format(Locale.ROOT, "%6.2f",
                        VariationDistance.between(reports.get(i), reports.get(j)).total()));
            }
            console.info(row.toString());
            matrix.add(row.toString());
        }
        console.info(String.format(Locale.ROOT, "mean pairwise variation distance %.3f over %d candidates", mean,
                kept.size()));
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT,
                "variations: %d kept of %d asked; mean pairwise distance %.3f", kept.size(), n, mean));
        for (int i = 0; i < kept.size(); i++) {
            Candidate c = kept.get(i);
            note.append(String.format(Locale.ROOT, "\n%d = version %d%s: %s", i + 1, c.version(),
                    firstSeedUsed ? " (seed " + c.seed() + ")" : "", summary(c.report())));
        }
        session.note(note.toString());
        if (pick != null && pick > kept.size()) {
            System.err.println("riffcode: --pick " + pick + " but only " + kept.size() + " candidates passed; all are "
                    + "kept in session " + session.name());
            return 1;
        }
        for (int i = 0; i < kept.size(); i++) {
            if (pick != null && pick != i + 1) {
                continue;
            }
            Candidate c = kept.get(i);
            Path wav = pick != null ? output : numbered(output, i + 1, ".wav");
            Path py = pick != null ? numbered(output, 0, ".py") : numbered(output, i + 1, ".py");
            Files.writeString(py, c.code());
            Files.move(c.wav(), wav, StandardCopyOption.REPLACE_EXISTING);
            console.info(String.format(Locale.ROOT, "wrote %s and %s: variation %d, version %d of session %s", py, wav,
                    i + 1, c.version(), session.name()));
        }
        if (pick != null) {
            session.note("picked variation " + pick + " (version " + kept.get(pick - 1).version() + ")");
        }
        return kept.size() == n ? 0 : 1;
    }

    /** One line of what was heard: tempo, key, brightness, onsets. */
    static String summary(HearingReport h) {
        return String.format(Locale.ROOT, "%s, %s, centroid %s, %.1f onsets/s",
                h.tempoBpm() == null ? "no steady beat" : String.format(Locale.ROOT, "%.1f bpm", h.tempoBpm()),
                h.key() == null ? "no key" : h.key() + " (" + String.join(" ", h.pitchClasses()) + ")",
                h.centroidHz() == null ? "-" : String.format(Locale.ROOT, "%.0f Hz", h.centroidHz()),
                h.onsetsPerSecond());
    }

    private String scriptName(int index) {
        return numbered(output, index, ".py").getFileName().toString();
    }

    /** OUT.wav → OUT-2.wav / OUT-2.py; index 0 gives OUT.py. */
    static Path numbered(Path output, int index, String extension) {
        String name = output.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        return output.resolveSibling(base + (index == 0 ? "" : "-" + index) + extension);
    }
}
