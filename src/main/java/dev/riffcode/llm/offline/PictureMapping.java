package dev.riffcode.llm.offline;

import dev.riffcode.picture.PictureFeatures;
import java.util.List;
import java.util.Locale;

/**
 * How the offline generator hears a picture: its measured features turned into the same musical choices a
 * prompt's words make ({@link PromptFeatures} applies them wherever the prompt's words leave a choice open).
 *
 * <ul>
 * <li>activity (edge density, and a little saturation) sets the tempo, {@value #SLOWEST_BPM} to
 *     {@value #FASTEST_BPM} bpm: a smooth, muted picture is slow, a busy, vivid one fast;</li>
 * <li>the dominant hue sets the mode: warm hues (red, orange, yellow) major, greens dorian, cool hues (cyan, blue,
 *     violet, magenta) minor (harmonic minor, so it is heard as minor); a nearly grey picture is major when light,
 *     minor when dark;</li>
 * <li>brightness sets the register and the timbre: a dark picture plays an octave lower through closed filters,
 *     a light one an octave higher through open ones;</li>
 * <li>edges and contrast set the density: few notes and a quiet beat for a smooth picture, quick notes, an
 *     arpeggio and a full beat for a busy one.</li>
 * </ul>
 *
 * @param bpm      the tempo the picture suggests
 * @param scale    "major", "harmonic_minor" or "dorian"
 * @param colour   "dark", "bright" or null (in between)
 * @param register -1 an octave down, 0, +1 an octave up
 * @param density  "sparse", "busy" or null (in between)
 */
record PictureMapping(PictureFeatures picture, double bpm, String scale, String colour, int register,
        String density) {

    /**
     * Minor with its raised seventh: the leading tone makes the mode heard as minor, where a natural minor's notes
     * are those of its relative major and a sparse tune in it is often heard as major.
     */
    static final String MINOR = "harmonic_minor";
    static final double SLOWEST_BPM = 64;
    static final double FASTEST_BPM = 140;
    /** Edge density at which a picture counts as fully busy (a photo of leaves or a city is about 0.2). */
    static final double BUSY_EDGES = 0.25;
    static final double DARK_BELOW = 0.35;
    static final double LIGHT_ABOVE = 0.62;

    static PictureMapping of(PictureFeatures p) {
        double edges = Math.min(1, p.edgeDensity() / BUSY_EDGES);
        double activity = 0.75 * edges + 0.25 * Math.min(1, p.saturation() / 0.6);
        double bpm = Math.round(SLOWEST_BPM + (FASTEST_BPM - SLOWEST_BPM) * activity);
        String scale;
        if (p.hueDegrees() == null) {
            scale = p.brightness() >= 0.5 ? "major" : MINOR;
        } else {
            double h = p.hueDegrees();
            scale = h < 75 || h >= 345 ? "major" : h < 165 ? "dorian" : MINOR;
        }
        String colour = p.brightness() < DARK_BELOW ? "dark" : p.brightness() > LIGHT_ABOVE ? "bright" : null;
        int register = colour == null ? 0 : colour.equals("dark") ? -1 : 1;
        double busyness = 0.7 * edges + 0.3 * Math.min(1, p.contrast() / 0.3);
        String density = busyness > 0.55 ? "busy" : busyness < 0.25 ? "sparse" : null;
        return new PictureMapping(p, bpm, scale, colour, register, density);
    }

    /** The parts for a prompt that names none: always a beat (so the tempo is heard), pads or an arpeggio by density. */
    List<String> parts() {
        return "busy".equals(density) ? List.of("drums", "bass", "arp", "melody")
                : "sparse".equals(density) ? List.of("drums", "chords", "bass", "melody")
                : List.of("drums", "chords", "bass", "melody");
    }

    /**
     * The mapping as printed, one feature per line, with what it became; {@code chosen} is the final reading, so a
     * choice the prompt's words made instead is said too.
     */
    List<String> lines(PromptFeatures chosen) {
        PictureFeatures p = picture;
        String hue = p.hueDegrees() == null ? "no dominant hue (nearly grey)"
                : String.format(Locale.ROOT, "dominant hue %.0f\u00b0 (%s)", p.hueDegrees(),
                        PictureFeatures.hueName(p.hueDegrees()));
        return List.of(
                String.format(Locale.ROOT, "brightness %.2f -> %s", p.brightness(),
                        won(colour == null ? "middle register, neutral timbre" : colour + " timbre, "
                                + (register < 0 ? "an octave lower" : "an octave higher"),
                                colour == null || colour.equals(chosen.colour()) ? null : "the prompt's words set the timbre")),
                String.format(Locale.ROOT, "edges %.2f, saturation %.2f -> %s", p.edgeDensity(), p.saturation(),
                        won(OfflineComposer.fmt(bpm) + " bpm", chosen.bpm() == bpm ? null
                                : "the prompt sets " + OfflineComposer.fmt(chosen.bpm()) + " bpm")),
                hue + " -> " + won(scale, chosen.scaleName().equals(scale) ? null
                        : "the prompt sets " + chosen.keyDescription()),
                String.format(Locale.ROOT, "edges %.2f, contrast %.2f -> %s", p.edgeDensity(), p.contrast(),
                        won(density == null ? "moderate density" : density,
                                density == null || density.equals(chosen.density()) ? null
                                        : "the prompt's words set the density")));
    }

    private static String won(String mapped, String overruledBy) {
        return overruledBy == null ? mapped : mapped + " (not used: " + overruledBy + ")";
    }
}
