package dev.riffcode.api;

import dev.riffcode.music.Chords;
import dev.riffcode.music.Notes;
import dev.riffcode.music.Scales;
import dev.riffcode.samples.SampleFinder;
import dev.riffcode.samples.SampleIndex;
import dev.riffcode.score.Catalog;
import dev.riffcode.score.Connection;
import dev.riffcode.score.FxBus;
import dev.riffcode.score.FxSpec;
import dev.riffcode.score.NoteEvent;
import dev.riffcode.score.OutputRoute;
import dev.riffcode.score.ParamSpec;
import dev.riffcode.score.PortEvent;
import dev.riffcode.score.PortSpec;
import dev.riffcode.score.SampleHit;
import dev.riffcode.score.Score;
import dev.riffcode.score.SynthSpec;
import dev.riffcode.score.TempoChange;
import dev.riffcode.score.UnitGraph;
import dev.riffcode.score.UnitSpec;
import dev.riffcode.score.UnitTypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The one Java object a script can reach (as {@code riffcode._host}). It records what the script
 * plays into a {@link Score}. Only the methods marked {@link HostAccess.Export} are visible to Python.
 *
 * <p>Exported methods never throw for a script's mistakes: they return an error message (a
 * String) and the Python side raises it as a ValueError, so the error is an ordinary Python
 * exception with the script's line number, which a script can also catch.
 */
public final class ScoreBuilder {

    /** Playback speeds a sample may take, either way. */
    private static final double MAX_RATE = 16;
    private static final double MIN_RATE = 0.01;

    private ScoreLimits limits;
    private final List<NoteEvent> notes = new ArrayList<>();
    private final List<SampleHit> samples = new ArrayList<>();
    /** The sample names this run may play (never files: the sandbox has no file access). */
    private SampleFinder sampleFinder = new SampleFinder(SampleIndex.EMPTY);
    private final List<FxBus> fx = new ArrayList<>();
    private final List<UnitSpec> units = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<OutputRoute> outputs = new ArrayList<>();
    private final List<PortEvent> portEvents = new ArrayList<>();
    private final List<TempoChange> tempo = new ArrayList<>();
    /** Added to every time the script passes: a loop pass runs from 0 and is placed where its loop stands. */
    private double timeOffset;
    private int drainedFx;
    private int drainedUnits;
    private int drainedConnections;
    private int drainedOutputs;

    public ScoreBuilder(ScoreLimits limits) {
        this.limits = limits;
    }

    /** Sets the limits for the run about to start (the builder is made before the request arrives). */
    public void limits(ScoreLimits newLimits) {
        this.limits = newLimits;
    }

    /** Sets the sample names the run about to start may play. */
    public void samples(SampleIndex index) {
        this.sampleFinder = new SampleFinder(index == null ? SampleIndex.EMPTY : index);
    }

    /** Where time 0 of what runs next stands, in seconds (render mode places loop passes with it). */
    @HostAccess.Export
    public void timeOffset(double seconds) {
        this.timeOffset = seconds;
    }

    /** The main script set its tempo at {@code time} seconds (a later change at the same time replaces it). */
    @HostAccess.Export
    public void tempo(double time, double bpm) {
        if (!tempo.isEmpty() && tempo.get(tempo.size() - 1).time() == time) {
            tempo.remove(tempo.size() - 1);
        }
        if (tempo.size() < limits.maxPortEvents() && Double.isFinite(time) && bpm >= 1 && bpm <= 1000) {
            tempo.add(new TempoChange(time, bpm));
        }
    }

    // ------------------------------------------------------------------ music theory

    @HostAccess.Export
    public Object noteNumber(String name) {
        OptionalInt midi = Notes.tryMidi(name);
        if (midi.isPresent()) {
            return midi.getAsInt();
        }
        try {
            Notes.midi(name);
            return "unknown note name '" + name + "'";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @HostAccess.Export
    public Object hz(double midi) {
        return Notes.hz(midi);
    }

    @HostAccess.Export
    public Object scale(int root, String name, int octaves) {
        try {
            return Scales.scale(root, name, octaves).stream().mapToInt(Integer::intValue).toArray();
        } catch (IllegalArgumentException e) {
            return "scale(): " + e.getMessage();
        }
    }

    @HostAccess.Export
    public Object chord(int root, String name) {
        try {
            return Chords.chord(root, name).stream().mapToInt(Integer::intValue).toArray();
        } catch (IllegalArgumentException e) {
            return "chord(): " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ notes and effects

    /**
     * Records a note. Values arrive exactly as the script passed them (so the checks and their
     * messages live here, in one place); envelope times are in beats and are stored in seconds;
     * None for cutoff or res means "the synth's default". {@code strand} is the part playing it ("main", a
     * live_loop's or an in_thread's name). Returns null, or what is wrong.
     */
    @HostAccess.Export
    public String play(double time, double secondsPerBeat, Value synth, Value note, Value amp, Value pan,
            Value attack, Value decay, Value sustain, Value sustainLevel, Value release,
            Value cutoff, Value res, int bus, Value extraOptions, String strand) {
        time += timeOffset;
        SynthSpec spec = synth.isString() ? Catalog.synth(synth.asString().strip().replace(":", "").toLowerCase()).orElse(null) : null;
        if (spec == null) {
            return "play(): unknown synth " + show(synth) + ": use one of " + String.join(", ", Catalog.synthNames());
        }
        double midi;
        if (note.isString()) {
            String name = note.asString().strip().replace(":", "");
            if (name.isEmpty() || name.equalsIgnoreCase("r") || name.equalsIgnoreCase("rest")) {
                return null;
            }
            Object n = noteNumber(name);
            if (n instanceof String message) {
                return "play(): " + message;
            }
            midi = (Integer) n;
        } else if (note.isNumber() && !note.isBoolean() && note.fitsInDouble()) {
            midi = note.asDouble();
        } else {
            return "play(): expected a note name like 'C4' or a MIDI number, got " + show(note);
        }
        if (notes.size() >= limits.maxNotes()) {
            return "play(): too many notes: a score can hold at most " + limits.maxNotes()
                    + " (does a loop play more than you meant, or forget to sleep?)";
        }
        if (time > limits.maxSeconds()) {
            return "play() at " + secs(time) + " is past the " + secs(limits.maxSeconds())
                    + " limit for a piece; a score that long is refused before rendering";
        }
        Args a = new Args("play");
        double ampV = a.number(amp, "amp", 0, 20);
        double panV = a.number(pan, "pan", -1, 1);
        double att = a.number(attack, "attack", 0, 10_000);
        double dec = a.number(decay, "decay", 0, 10_000);
        double sus = a.number(sustain, "sustain", 0, 10_000);
        double level = a.number(sustainLevel, "sustain_level", 0, 2);
        double rel = a.number(release, "release", 0, 10_000);
        double cut = cutoff.isNull() ? -1 : a.number(cutoff, "cutoff", 0, 20_000);
        double rs = res.isNull() ? -1 : a.number(res, "res", 0, 1);
        String err = a.error != null ? a.error : range("note", midi, 0, 127) != null ? "play(): " + range("note", midi, 0, 127)
                : bus < 0 || bus > fx.size() ? "play(): unknown effect bus " + bus : null;
        if (err != null) {
            return err;
        }
        Map<String, Double> extra = new LinkedHashMap<>();
        err = readOptions(extraOptions, extra, name -> spec.extraParam(name), name -> "the '" + spec.name()
                + "' synth has no option '" + name + "'; "
                + (spec.extra().isEmpty() ? "it takes only play()'s own options"
                        : "its own options are " + String.join(", ", spec.extra().stream().map(ParamSpec::name).toList())),
                secondsPerBeat);
        if (err != null) {
            return "play(): " + err;
        }
        double length = (att + dec + sus + rel) * secondsPerBeat;
        if (time + length > limits.maxSeconds() + 60) {
            return "play(): this note would last until " + secs(time + length) + ", past the "
                    + secs(limits.maxSeconds()) + " limit for a piece";
        }
        double cutoffHz = cut >= 0 ? ParamSpec.noteToHz(cut)
                : spec.defaultCutoff() > 0 ? ParamSpec.noteToHz(spec.defaultCutoff()) : 0;
        notes.add(new NoteEvent(time, spec.name(), midi, ampV, panV, att * secondsPerBeat, dec * secondsPerBeat,
                sus * secondsPerBeat, level, rel * secondsPerBeat, cutoffHz, rs < 0 ? 0.1 : rs, bus, extra, strand));
        return null;
    }

    /**
     * True when {@code name} is meant as a sample file or clip: it is in the sample folders or the session's clips,
     * or it is refused for its form or a link. False when nothing has that name: sample() then tries the built-in
     * drums.
     */
    @HostAccess.Export
    public boolean sampleNamed(String name) {
        return sampleFinder.find(name).named();
    }

    /**
     * Records a sample hit, checked against the names this run may play. Times are seconds, {@code loop} is in beats
     * (None for no loop); {@code strand} is the part playing it. Returns null, or what is wrong.
     */
    @HostAccess.Export
    public String sample(double time, double secondsPerBeat, String name, Value rate, Value start, Value finish,
            Value loop, Value beatStretch, Value amp, Value pan, int bus, int line, String strand) {
        time += timeOffset;
        SampleFinder.Lookup lookup = sampleFinder.find(name);
        if (!lookup.found()) {
            return "sample(): " + lookup.error();
        }
        Args a = new Args("sample");
        double rateV = a.number(rate, "rate", -MAX_RATE, MAX_RATE);
        double startV = a.number(start, "start", 0, 1);
        double finishV = a.number(finish, "finish", 0, 1);
        double loopV = loop == null || loop.isNull() ? 0 : a.number(loop, "loop", 0, 100_000);
        double stretchV = beatStretch == null || beatStretch.isNull() ? 0
                : a.number(beatStretch, "beat_stretch", 0, 100_000);
        double ampV = a.number(amp, "amp", 0, 20);
        double panV = a.number(pan, "pan", -1, 1);
        String err = a.error != null ? a.error
                : Math.abs(rateV) < MIN_RATE ? "sample(): rate must be at least " + num(MIN_RATE)
                        + " from 0 (negative plays backwards), got " + num(rateV)
                : startV >= finishV ? "sample(): start (" + num(startV) + ") must be less than finish (" + num(finishV)
                        + "); to play backwards use a negative rate"
                : loop != null && !loop.isNull() && loopV <= 0 ? "sample(): loop is a number of beats, more than 0 (or None)"
                : beatStretch != null && !beatStretch.isNull() && stretchV <= 0
                        ? "sample(): beat_stretch is a number of beats, more than 0 (or None)"
                : bus < 0 || bus > fx.size() ? "sample(): unknown effect bus " + bus
                : notes.size() + samples.size() >= limits.maxNotes() ? "sample(): too many notes and samples: a score can "
                        + "hold at most " + limits.maxNotes() + " (does a loop play more than you meant, or forget to sleep?)"
                : time > limits.maxSeconds() ? "sample() at " + secs(time) + " is past the " + secs(limits.maxSeconds())
                        + " limit for a piece; a score that long is refused before rendering"
                : time + loopV * secondsPerBeat > limits.maxSeconds() + 60 ? "sample(): this loop would last until "
                        + secs(time + loopV * secondsPerBeat) + ", past the " + secs(limits.maxSeconds()) + " limit for a piece"
                : null;
        if (err != null) {
            return err;
        }
        samples.add(new SampleHit(time, name, rateV, startV, finishV, loopV, stretchV, secondsPerBeat, ampV, panV, bus,
                line, strand));
        return null;
    }

    /** Checks numeric arguments one after another and keeps the first problem. */
    private static final class Args {
        private final String function;
        String error;

        Args(String function) {
            this.function = function;
        }

        double number(Value v, String name, double lo, double hi) {
            if (error != null) {
                return 0;
            }
            if (v == null || v.isNull() || v.isBoolean() || !v.isNumber() || !v.fitsInDouble()) {
                error = function + "(): expected a number for " + name + ", got " + show(v);
                return 0;
            }
            double d = v.asDouble();
            String problem = range(name, d, lo, hi);
            if (problem != null) {
                error = function + "(): " + problem;
            }
            return d;
        }
    }

    private static String show(Value v) {
        if (v == null || v.isNull()) {
            return "None";
        }
        return v.isString() ? "'" + v.asString() + "'" : v.toString();
    }

    /** Creates an effect bus and returns its id, or an error message. */
    @HostAccess.Export
    public Object fx(String kind, int parent, double secondsPerBeat, Value options, String strand) {
        FxSpec spec = Catalog.fx(kind).orElse(null);
        if (spec == null) {
            return "unknown effect '" + kind + "': use one of " + String.join(", ", Catalog.fxNames());
        }
        if (fx.size() >= limits.maxFxBuses()) {
            return "too many effects: at most " + limits.maxFxBuses() + " with_fx blocks per piece";
        }
        if (parent < 0 || parent > fx.size()) {
            return "unknown effect bus " + parent;
        }
        Map<String, Double> params = new LinkedHashMap<>();
        for (ParamSpec p : spec.params()) {
            params.put(p.name(), convert(p, p.defaultValue(), secondsPerBeat));
        }
        String err = readOptions(options, params, spec::param, name -> "the '" + kind + "' effect has no option '"
                + name + "'; its options are " + String.join(", ", spec.params().stream().map(ParamSpec::name).toList()),
                secondsPerBeat);
        if (err != null) {
            return "with_fx(): " + err;
        }
        int id = fx.size() + 1;
        fx.add(new FxBus(id, spec.name(), parent, params, strand));
        return id;
    }

    private interface ParamLookup {
        ParamSpec find(String name);
    }

    private interface Message {
        String of(String name);
    }

    private static String readOptions(Value options, Map<String, Double> into, ParamLookup lookup, Message unknown,
            double secondsPerBeat) {
        if (options == null || options.isNull() || !options.hasHashEntries()) {
            return null;
        }
        Value keys = options.getHashKeysIterator();
        while (keys.hasIteratorNextElement()) {
            Value key = keys.getIteratorNextElement();
            String name = key.isString() ? key.asString() : key.toString();
            ParamSpec p = lookup.find(name);
            if (p == null) {
                return unknown.of(name);
            }
            Value v = options.getHashValue(key);
            if (!v.isNumber() || !v.fitsInDouble()) {
                return name + " must be a number, got " + v;
            }
            double d = v.asDouble();
            String err = p.check(d);
            if (err != null) {
                return err;
            }
            into.put(name, convert(p, d, secondsPerBeat));
        }
        return null;
    }

    private static double convert(ParamSpec p, double value, double secondsPerBeat) {
        return switch (p.unit()) {
            case BEATS -> value * secondsPerBeat;
            case NOTE -> ParamSpec.noteToHz(value);
            case PLAIN -> value;
        };
    }

    // ------------------------------------------------------------------ unit generators

    @HostAccess.Export
    public Object unitCreate(String type, String strand) {
        if (Catalog.unit(type).isEmpty()) {
            return "unknown unit generator '" + type + "': use one of " + String.join(", ", Catalog.unitNames());
        }
        if (units.size() >= limits.maxUnits()) {
            return "too many unit generators: at most " + limits.maxUnits() + " per piece";
        }
        int id = units.size() + 1;
        units.add(new UnitSpec(id, type, Map.of(), strand));
        return id;
    }

    @HostAccess.Export
    public String connect(int fromUnit, String fromPort, int fromPart, int toUnit, String toPort, int toPart) {
        String err = firstError(checkPort(fromUnit, fromPort, fromPart, true), checkPort(toUnit, toPort, toPart, false));
        if (err != null) {
            return "connect(): " + err;
        }
        if (fromUnit == toUnit || reaches(toUnit, fromUnit)) {
            return "connect(): " + describe(fromUnit) + "." + fromPort + " to " + describe(toUnit) + "." + toPort
                    + " would make a feedback loop; unit graphs must flow one way";
        }
        Connection c = new Connection(fromUnit, fromPort, fromPart, toUnit, toPort, toPart);
        if (!connections.contains(c)) {
            connections.add(c);
        }
        return null;
    }

    @HostAccess.Export
    public String portEvent(double time, int unit, String port, int part, String action, double value, double duration) {
        time += timeOffset;
        PortEvent.Action a;
        try {
            a = PortEvent.Action.valueOf(action);
        } catch (IllegalArgumentException e) {
            return "unknown port action " + action;
        }
        String err = firstError(checkPort(unit, port, part, false),
                time > limits.maxSeconds() ? "a change at " + secs(time) + " is past the " + secs(limits.maxSeconds())
                        + " limit for a piece" : null,
                Double.isFinite(value) ? null : port + " must be a finite number",
                duration >= 0 && duration <= limits.maxSeconds() ? null : "a ramp must last 0.." + secs(limits.maxSeconds()),
                portEvents.size() >= limits.maxPortEvents() ? "too many port changes: at most " + limits.maxPortEvents() : null);
        if (err != null) {
            return err;
        }
        portEvents.add(new PortEvent(time, unit, port, part, a, value, duration));
        return null;
    }

    @HostAccess.Export
    public String route(int unit, String port, int part, int bus, double amp, double pan, String strand) {
        String err = firstError(checkPort(unit, port, part, true), range("amp", amp, 0, 20), range("pan", pan, -1, 1),
                bus < 0 || bus > fx.size() ? "unknown effect bus " + bus : null);
        if (err != null) {
            return "out(): " + err;
        }
        outputs.add(new OutputRoute(unit, port, part, bus, amp, pan, strand));
        return null;
    }

    private String checkPort(int unit, String port, int part, boolean wantOutput) {
        if (unit < 1 || unit > units.size()) {
            return "no unit generator #" + unit;
        }
        UnitTypeSpec type = Catalog.unit(units.get(unit - 1).type()).orElseThrow();
        PortSpec p = type.port(port);
        if (p == null) {
            return type.name() + " has no port '" + port + "'";
        }
        if (wantOutput == p.isInput()) {
            return type.name() + "." + port + " is an " + (p.isInput() ? "input" : "output")
                    + (wantOutput ? "; expected an output" : "; expected an input");
        }
        if (part < 0 || part >= p.parts()) {
            return type.name() + "." + port + " has parts 0.." + (p.parts() - 1) + ", got " + part;
        }
        return null;
    }

    private boolean reaches(int from, int target) {
        Map<Integer, List<Integer>> next = new HashMap<>();
        for (Connection c : connections) {
            next.computeIfAbsent(c.fromUnit(), k -> new ArrayList<>()).add(c.toUnit());
        }
        List<Integer> stack = new ArrayList<>(List.of(from));
        boolean[] seen = new boolean[units.size() + 1];
        while (!stack.isEmpty()) {
            int u = stack.remove(stack.size() - 1);
            if (u == target) {
                return true;
            }
            if (!seen[u]) {
                seen[u] = true;
                stack.addAll(next.getOrDefault(u, List.of()));
            }
        }
        return false;
    }

    private String describe(int unit) {
        return units.get(unit - 1).type() + "#" + unit;
    }

    // ------------------------------------------------------------------ result

    /**
     * The finished score.
     *
     * @param liveLoops the live loops the script defined
     * @param horizon   where live loops stop (seconds); used as the length when there are loops
     * @param scriptEnd where the main script's time stood when it finished (its last sleep counts)
     */
    public Score build(List<String> liveLoops, double horizon, double scriptEnd) {
        UnitGraph graph = new UnitGraph(units, connections, outputs, portEvents);
        double end = Math.max(scriptEnd, graph.outputs().isEmpty() ? 0 : graph.lastEventTime());
        for (NoteEvent n : notes) {
            end = Math.max(end, n.end());
        }
        for (SampleHit h : samples) {
            // A loop's end is known here; a one-shot's length only the host knows, which lengthens the score then.
            end = Math.max(end, h.time() + h.loopBeats() * h.secondsPerBeat());
        }
        double length = liveLoops.isEmpty() ? end : horizon;
        return new Score(notes, fx, graph, length, liveLoops, samples, tempo);
    }

    /**
     * Live play: what the script added since the last drain, as a score. Notes, samples and port changes are
     * handed over and forgotten (each pass starts empty, so a performance never fills the limits);
     * effects, units, connections and routes stay, because later passes refer to them by id.
     *
     * @param liveLoops the live loops defined so far
     * @param length    how far time moved in what just ran (the pass length, or the top level's end)
     */
    public Score drain(List<String> liveLoops, double length) {
        Score delta = new Score(notes, fx.subList(drainedFx, fx.size()),
                new UnitGraph(units.subList(drainedUnits, units.size()),
                        connections.subList(drainedConnections, connections.size()),
                        outputs.subList(drainedOutputs, outputs.size()), portEvents),
                length, liveLoops, samples);
        notes.clear();
        samples.clear();
        portEvents.clear();
        drainedFx = fx.size();
        drainedUnits = units.size();
        drainedConnections = connections.size();
        drainedOutputs = outputs.size();
        return delta;
    }

    // ------------------------------------------------------------------ helpers

    private static String range(String name, double v, double lo, double hi) {
        if (!Double.isFinite(v)) {
            return name + " must be a finite number, got " + v;
        }
        return v < lo || v > hi ? name + " must be between " + num(lo) + " and " + num(hi) + ", got " + num(v) : null;
    }

    private static String firstError(String... errors) {
        for (String e : errors) {
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static String secs(double s) {
        return s >= 120 ? String.format("%.1f min", s / 60) : String.format("%.2f s", s);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : Double.toString(v);
    }
}
