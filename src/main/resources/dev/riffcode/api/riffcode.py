"""Riffcode: notes and time like Sonic Pi, unit generators like JSyn.

Time is counted in beats at the current tempo (60 bpm unless you call use_bpm), and
everything you play is scheduled at the current time. sleep(beats) moves time on.
Python only describes the music; the Java engine renders it, sample-accurately.
"""

import sys as _sys

_host = None          # the Java score builder, set by _install()
_catalog = None       # synths, effects and unit types, from the Java catalogue
_SCRIPT = "<script>"  # the user's file name, for error locations

__all__ = [
    "use_bpm", "current_bpm", "sleep", "use_synth", "use_random_seed",
    "play", "play_chord", "play_pattern", "play_pattern_timed", "sample",
    "note", "hz", "scale", "chord", "scale_names", "chord_names", "synth_names", "fx_names",
    "with_fx", "live_loop", "in_thread",
    "rrand", "rrand_i", "choose", "dice", "one_in", "ring", "tick", "look",
    "out", "unit_names",
]


# --------------------------------------------------------------------------- timelines

class _Timeline:
    """The state one strand of time carries: the main script, each live_loop, each in_thread."""

    def __init__(self, name, time=0.0, bpm=60.0, synth="sine", seed=0, fx=(0,)):
        self.name = name
        self.time = time          # seconds
        self.bpm = bpm
        self.synth = synth
        self.seed = seed
        self._rng = None          # made on first use: importing random costs a context ~0.3 s
        self.fx = list(fx)        # stack of bus ids, innermost last
        self.ticks = {}

    @property
    def rng(self):
        if self._rng is None:
            import random
            self._rng = random.Random(self.seed)
        return self._rng

    def reseed(self, seed):
        self.seed = seed
        self._rng = None

    def child(self, name):
        # A child's seed depends only on its parent's seed and its name, so adding a loop never
        # changes the random choices of another.
        h = self.seed
        for ch in name:
            h = (h * 31 + ord(ch)) & 0x7FFFFFFF
        return _Timeline(name, self.time, self.bpm, self.synth, h, self.fx)

    @property
    def spb(self):
        return 60.0 / self.bpm


_now = _Timeline("main")
_loops = []       # (name, fn, timeline)
_fx_buses = {}    # (parent, kind, options, line) -> bus id


def _fail(message, kind=ValueError):
    raise kind(message)


def _checked(result):
    """Host calls return an error message (str) instead of raising, so errors stay Python errors."""
    if isinstance(result, str):
        _fail(result)
    return result


def _number(func, name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail("%s(): %s must be a number, got %r" % (func, name, value), TypeError)
    return float(value)


# --------------------------------------------------------------------------- tempo and time

def use_bpm(bpm):
    """Set the tempo in beats per minute for what follows (sleep, envelope times, echo phase).

    Example:
        use_bpm(120)
        play(60)
        sleep(1)      # half a second at 120 bpm
        play(64)
    """
    bpm = _number("use_bpm", "bpm", bpm)
    if not 1 <= bpm <= 1000:
        _fail("use_bpm(): bpm must be between 1 and 1000, got %g" % bpm)
    _now.bpm = bpm
    if _now.name == "main":
        _host.tempo(_now.time, bpm)   # the piece's tempo map (a MIDI file's beats); loops keep their own


def current_bpm():
    """The tempo in force, in beats per minute.

    Example:
        use_bpm(90)
        print(current_bpm())
    """
    return _now.bpm


def sleep(beats):
    """Move time on by a number of beats (not seconds: at 120 bpm, sleep(1) is half a second).

    Example:
        play(60)
        sleep(0.5)
        play(67)
    """
    beats = _number("sleep", "beats", beats)
    if beats < 0:
        _fail("sleep(): beats cannot be negative, got %g" % beats)
    _now.time += beats * _now.spb


def use_synth(name):
    """Choose the synth for the following play() calls: %SYNTHS%.

    Example:
        use_synth("saw")
        play(48, release=0.5, cutoff=80)
    """
    _now.synth = _synth_name(name)


def _synth_name(name):
    if not isinstance(name, str):
        _fail("synth name must be a string like 'saw', got %r" % (name,), TypeError)
    key = name.lstrip(":").lower()
    aliases = _catalog["synth_aliases"]
    key = aliases.get(key, key)
    if key not in _catalog["synths"]:
        _fail("unknown synth %r: use one of %s" % (name, ", ".join(_catalog["synths"])))
    return key


def use_random_seed(seed):
    """Make rrand/choose/dice repeatable from here on: the same seed gives the same choices.

    Example:
        use_random_seed(42)
        play(choose([60, 64, 67]))
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        _fail("use_random_seed(): seed must be a whole number, got %r" % (seed,), TypeError)
    _now.reseed(seed)


# --------------------------------------------------------------------------- notes

def note(n):
    """A note as a MIDI number: note("A4") == 69, note("C#4") == 61, note(60) == 60.

    Names are a letter A-G, an optional # or b, and an octave (C4 is middle C).

    Example:
        print(note("Eb3"))   # 51
    """
    return _to_midi(n)


def _to_midi(n):
    if n is None:
        return None
    if isinstance(n, bool):
        _fail("expected a note name or number, got %r" % (n,), TypeError)
    if isinstance(n, (int, float)):
        if not 0 <= n <= 127:
            _fail("note %g is outside the MIDI range 0..127" % n)
        return n
    if isinstance(n, str):
        return _checked(_host.noteNumber(n.strip().lstrip(":")))
    _fail("expected a note name like 'C4' or a MIDI number, got %r" % (n,), TypeError)


def hz(n):
    """The frequency in Hz of a note (A4 = 69 = 440 Hz).

    Example:
        print(hz("A4"))   # 440.0
    """
    return _checked(_host.hz(float(_to_midi(n))))


def scale(root, name="major", num_octaves=1):
    """The notes of a scale from root upwards, root repeated at the top: scale("C4", "major")
    gives [60, 62, 64, 65, 67, 69, 71, 72]. Names: %SCALES%.

    Example:
        for n in scale("A3", "minor_pentatonic"):
            play(n, release=0.2)
            sleep(0.25)
    """
    if isinstance(num_octaves, bool) or not isinstance(num_octaves, int) or not 1 <= num_octaves <= 8:
        _fail("scale(): num_octaves must be a whole number from 1 to 8, got %r" % (num_octaves,))
    r = _to_midi(root)
    return [int(x) for x in _checked(_host.scale(int(round(r)), str(name).lstrip(":"), num_octaves))]


def chord(root, name="major"):
    """The notes of a chord: chord("C4", "major") gives [60, 64, 67]. Names: %CHORDS%.

    Example:
        play_chord(chord("E3", "minor7"), release=2)
    """
    r = _to_midi(root)
    return [int(x) for x in _checked(_host.chord(int(round(r)), str(name).lstrip(":")))]


def scale_names():
    """The scale names scale() knows.

    Example:
        print(scale_names())
    """
    return list(_catalog["scales"])


def chord_names():
    """The chord names chord() knows.

    Example:
        print(chord_names())
    """
    return list(_catalog["chords"])


def synth_names():
    """The synths use_synth() and play(synth=...) know.

    Example:
        print(synth_names())
    """
    return list(_catalog["synths"])


def fx_names():
    """The effects with_fx() knows.

    Example:
        print(fx_names())
    """
    return list(_catalog["fx"])


def play(note, amp=1, pan=0, attack=0.01, decay=0, sustain=0, sustain_level=1, release=0.3,
         cutoff=None, res=None, synth=None, **synth_opts):
    """Play a note now on the current synth (see use_synth). Time does not move on: sleep() does that.

    note: a MIDI number (60 is middle C; floats for microtones), a name like "C#4", "Eb3",
        "A4", or a list of notes for a chord; None or "r" is a rest.
    amp: loudness (1 is normal, 0 silent). pan: -1 left .. 1 right.
    attack, decay, sustain, release: envelope times in beats (the note lasts their sum);
        sustain_level: the level held during sustain (0..1).
    cutoff: low-pass cutoff as a MIDI note (like Sonic Pi: 60 dark .. 130 open; values above
        131 are Hz); res: its resonance 0..1.
    synth: play this one note on another synth. Synth-specific options (fm: depth, divisor;
        pluck: coef; supersaw and pad: detune) are passed by name.

    Example:
        play(60)
        sleep(0.5)
        play("E4", amp=0.5, attack=0.1, release=1, pan=-0.5)
        sleep(1)
        play(48, synth="saw", cutoff=70, res=0.5)
    """
    # Kept lean on purpose: the host checks every value, so a play() costs one call.
    cls = note.__class__
    if cls is list or cls is tuple:
        for n in note:
            play(n, amp, pan, attack, decay, sustain, sustain_level, release, cutoff, res, synth, **synth_opts)
        return
    if note is None:
        return
    error = _host.play(_now.time, _now.spb, _now.synth if synth is None else synth, note, amp, pan, attack,
                       decay, sustain, sustain_level, release, cutoff, res, _now.fx[-1], synth_opts, _now.name)
    if error is not None:
        _fail(error, TypeError if error.startswith("play(): expected") else ValueError)


def play_chord(notes, **opts):
    """Play several notes at once, with the same options as play().

    Example:
        play_chord([60, 64, 67], release=1)
        sleep(1)
        play_chord(chord("A3", "minor"), synth="pad", attack=0.5, release=2)
    """
    if not isinstance(notes, (list, tuple)):
        _fail("play_chord(): expected a list of notes, got %r" % (notes,), TypeError)
    for n in notes:
        play(n, **opts)


def play_pattern(notes, **opts):
    """Play notes one after another, one beat apart.

    Example:
        play_pattern([60, 62, 64], release=0.2)
    """
    play_pattern_timed(notes, [1], **opts)


def play_pattern_timed(notes, times, **opts):
    """Play notes one after another, sleeping times[i] beats after note i (times repeats if shorter).

    Example:
        play_pattern_timed(["C4", "E4", "G4", "C5"], [0.25, 0.25, 0.5])
    """
    if isinstance(times, (int, float)) and not isinstance(times, bool):
        times = [times]
    if not isinstance(notes, (list, tuple)) or not isinstance(times, (list, tuple)) or not times:
        _fail("play_pattern_timed(): expected a list of notes and a non-empty list of times", TypeError)
    for i, n in enumerate(notes):
        play(n, **opts)
        sleep(times[i % len(times)])


_SAMPLE_DRUMS = (("bd", "kick"), ("kick", "kick"), ("sn", "snare"), ("snare", "snare"), ("clap", "snare"),
                 ("hat", "hat"), ("hh", "hat"), ("cymbal", "hat"), ("perc", "hat"))


def _builtin_drum(key):
    """The built-in drum a Sonic Pi-like name means, or None. Paths, names with an extension and clips are files."""
    if "/" in key or "." in key or key.startswith("clip:"):
        return None
    key = key.lower()
    if "drum_bass" in key:
        return "kick"
    return next((d for word, d in _SAMPLE_DRUMS if word in key), None)


def _script_line():
    """The line of the user's script that is running (for errors the host finds later, such as a bad file)."""
    frame = _sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != _SCRIPT:
        frame = frame.f_back
    return frame.f_lineno if frame is not None else 0


def sample(name, rate=1, start=0, finish=1, loop=None, beat_stretch=None, amp=1, pan=0, **opts):
    """Play a recorded sound: a built-in sample, a file from the sample folders, or a clip.

    Built-in samples (always there): "builtin/kick", "builtin/snare", "builtin/hat",
    "builtin/clap", "builtin/bell_c4" (a bell on C4: rate=2 plays C5) and "builtin/loop_beat"
    (one bar of drums at 120 bpm, 2 s long).
    Sample files: a WAV, FLAC or MP3 in one of the user's sample folders (--samples DIR, or
    "sample_folders" in the config file), named by its path inside the folder, with / between
    folders and the extension optional: sample("kit/snare") plays kit/snare.wav (else .flac,
    else .mp3) from the first folder that has it. "clip:NAME" plays a clip of the session
    (such as one a diffusion model made). Only names that exist can be played, and nothing
    outside the folders ("../x", "/etc/x" and links that lead out are refused).
    sample() does not move time on: sleep() after it as after play().
    rate: speed and pitch (2 is an octave up and half as long, 0.5 an octave down; negative
        plays backwards). start, finish: the part to play, as fractions 0..1 of the sample.
    loop: a number of beats: the part repeats for that long, every repeat starting on a beat at
        the current tempo. A part shorter than a beat plays at its own speed once a beat; a longer
        one is fitted to the nearest 1, 2, 4, 8, ... beats by playing it a little faster or slower
        (pitch included), so a recorded bar stays a bar at any tempo. None plays it once.
    beat_stretch: a number of beats: the part is played at the speed that makes it last exactly
        that long (pitch moves with it; rate speeds it up further), once or, with loop, per repeat.
    amp: 1 plays the file at its own level. pan: -1 left .. 1 right (a stereo file is
        balanced, a mono file placed, like a note).

    Sonic Pi drum names: a name with no / and no extension that is not in the sample folders
    ("bd_haus", "drum_bass_hard" and anything with bd/kick; sn/snare/clap; hat/hh/cymbal) plays
    the kick, snare or hat synth, with play()'s options (amp, pan, release, ...).

    Example:
        use_bpm(120)
        sample("builtin/loop_beat", loop=8)     # one bar of drums, repeated for 8 beats
        sample("builtin/bell_c4", rate=1.5, amp=0.5)   # a fifth up: G4
        sleep(2)
        sample("builtin/bell_c4", rate=0.5, pan=-0.5)  # an octave down, on the left
        sleep(1)
        sample("builtin/loop_beat", start=0.5, finish=1)   # its second half only
    Example:
        sample("bd_haus")
        sleep(0.5)
        sample("drum_snare_hard", amp=0.8)
        sleep(0.5)
        sample("drum_cymbal_closed")
    """
    if not isinstance(name, str):
        _fail("sample(): expected a sample name like 'kit/snare' or 'bd_haus', got %r" % (name,), TypeError)
    key = name.lstrip(":")   # Sonic Pi writes its names as symbols, :bd_haus
    if not _host.sampleNamed(key):
        drum = _builtin_drum(key)
        if drum is not None:
            if rate != 1 or start != 0 or finish != 1 or loop is not None or beat_stretch is not None:
                _fail("sample(): %r is a built-in drum (no sample file has that name); rate, start, finish, "
                      "loop and beat_stretch are for sample files such as 'builtin/kick'" % name)
            play(60, amp=amp, pan=pan, synth=drum, **opts)
            return
    if opts:
        _fail("sample(): a sample file has no option %r; its options are rate, start, finish, loop, "
              "beat_stretch, amp and pan" % next(iter(opts)), TypeError)
    error = _host.sample(_now.time, _now.spb, key, rate, start, finish, loop, beat_stretch, amp, pan,
                         _now.fx[-1], _script_line(), _now.name)
    if error is not None:
        _fail(error, TypeError if error.startswith("sample(): expected") else ValueError)


# --------------------------------------------------------------------------- effects

class with_fx:
    """Send everything played inside the block through an effect: %FX%.

    Options are the effect's own (reverb: room, damp, mix; echo: phase and decay in beats, mix;
    lpf/hpf: cutoff as a MIDI note, res; distortion: distort; chorus: rate, depth) and amp.
    Effects nest; the same with_fx in a live_loop is one effect, not a new one each pass.

    Example:
        with with_fx("reverb", room=0.8, mix=0.5):
            play(60, release=1)
            sleep(0.5)
            with with_fx("echo", phase=0.25, decay=2):
                play(67, release=0.2)
    """

    def __init__(self, name, **opts):
        if not isinstance(name, str):
            _fail("with_fx(): expected an effect name like 'reverb', got %r" % (name,), TypeError)
        self.name = name.lstrip(":").lower()
        for k, v in opts.items():
            _number("with_fx", k, v)
        self.opts = opts
        frame = _sys._getframe(1)
        self.site = frame.f_lineno if frame is not None else 0

    def __enter__(self):
        parent = _now.fx[-1]
        key = (parent, self.name, tuple(sorted(self.opts.items())), self.site)
        bus = _fx_buses.get(key)
        if bus is None:
            bus = _checked(_host.fx(self.name, parent, _now.spb, self.opts, _now.name))
            _fx_buses[key] = bus
        _now.fx.append(bus)
        return self

    def __exit__(self, *exc):
        _now.fx.pop()
        return False


# --------------------------------------------------------------------------- live loops and threads

def live_loop(name_or_fn=None, name=None):
    """Repeat a function forever, each pass picking up where the last one's time ended.

    Every pass must sleep. Loops start at the time they are defined and run side by side;
    in a render they run until the render's end. Use as @live_loop or @live_loop("name").

    Example:
        @live_loop
        def beat():
            sample("bd_haus")
            sleep(0.5)
            sample("hat")
            sleep(0.5)
    """
    def register(fn, loop_name):
        if not callable(fn):
            _fail("live_loop: decorate a function (def ...), got %r" % (fn,), TypeError)
        loop_name = str(loop_name or fn.__name__)
        if any(l[0] == loop_name for l in _loops):
            _fail("live_loop %r is defined twice: give each loop its own name" % loop_name)
        _loops.append([loop_name, fn, _now.child(loop_name), True])
        return fn

    if callable(name_or_fn):
        return register(name_or_fn, name)
    return lambda fn: register(fn, name_or_fn if name_or_fn is not None else name)


def in_thread(fn):
    """Run a function once on its own strand of time, starting now, while the script goes on.

    Example:
        @in_thread
        def bass():
            for n in [36, 36, 43, 41]:
                play(n, synth="saw", cutoff=70, release=0.4)
                sleep(0.5)
        play_pattern_timed([72, 74, 76, 79], [0.5])
    """
    if not callable(fn):
        _fail("in_thread: decorate a function (def ...), got %r" % (fn,), TypeError)
    global _now
    outer = _now
    _now = outer.child(fn.__name__)
    try:
        fn()
    finally:
        _now = outer
    return fn


def _pass_timeline(loop, passes, ticks):
    """A fresh strand for one pass of a loop, at time 0: the tempo, synth and effects in force where
    the loop is defined, the tick counters it carries from pass to pass, and a random seed of its
    own for this pass. Render and live play both run passes this way, so they sound the same."""
    base = loop[2]
    h = base.seed
    for _ in range(2):
        h = (h * 1000003 + passes + 1) & 0x7FFFFFFF
    t = _Timeline(loop[0], 0.0, base.bpm, base.synth, h, base.fx)
    t.ticks = dict(ticks)
    return t


def _run_pass(loop, passes, ticks):
    """Run one pass; returns (its length in seconds, its tick counters). Raises what the body raises."""
    global _now
    t = _pass_timeline(loop, passes, ticks)
    outer = _now
    _now = t
    try:
        loop[1]()
    finally:
        _now = outer
    if t.time <= 0:
        _fail("live_loop %r did not sleep: every pass must sleep, or it would play forever at one instant"
              % loop[0], RuntimeError)
    return t.time, t.ticks


def _run_loops(horizon):
    """Run every live loop pass by pass, earliest first, until each reaches the horizon (seconds).
    Returns [where the main script's time ended, [loop names]]."""
    # Per loop: [the loop, its time, passes run, its tick counters]
    strands = [[l, l[2].time, 0, {}] for l in _loops]
    while True:
        pending = [s for s in strands if s[1] < horizon]
        if not pending:
            break
        s = min(pending, key=lambda x: x[1])
        offset = s[1]
        # Notes are recorded at the strand's time: shift the pass, which runs from 0, to where the loop is.
        _host.timeOffset(offset)
        try:
            length, s[3] = _run_pass(s[0], s[2], s[3])
        finally:
            _host.timeOffset(0.0)
        s[1] = offset + length
        s[2] += 1
    return [_now.time, [l[0] for l in _loops]]


# --------------------------------------------------------------------------- randomness and rings

def rrand(lo, hi):
    """A random float between lo and hi (repeatable: see use_random_seed).

    Example:
        play(60, cutoff=rrand(60, 110))
    """
    return _now.rng.uniform(_number("rrand", "lo", lo), _number("rrand", "hi", hi))


def rrand_i(lo, hi):
    """A random whole number from lo to hi inclusive.

    Example:
        play(rrand_i(60, 72))
    """
    return _now.rng.randint(int(lo), int(hi))


def choose(items):
    """A random element of a list.

    Example:
        play(choose(scale("E3", "minor_pentatonic")))
    """
    items = list(items)
    if not items:
        _fail("choose(): the list is empty")
    return _now.rng.choice(items)


def dice(sides=6):
    """A random whole number from 1 to sides.

    Example:
        for i in range(4):
            play(60 + dice())
            sleep(0.25)
    """
    return _now.rng.randint(1, int(sides))


def one_in(n):
    """True with probability 1/n.

    Example:
        for i in range(8):
            if one_in(3):
                sample("snare")
            sleep(0.25)
    """
    return _now.rng.randint(1, int(n)) == 1


class ring(list):
    """A list that wraps around: r[i] works for any i, and r.tick() steps through it.

    Example:
        notes = ring(60, 64, 67)
        for i in range(6):
            play(notes.tick(), release=0.2)
            sleep(0.25)
    """

    def __init__(self, *items):
        if len(items) == 1 and isinstance(items[0], (list, tuple)):
            items = items[0]
        super().__init__(items)
        self._pos = -1

    def __getitem__(self, i):
        if isinstance(i, int):
            if not len(self):
                _fail("ring is empty", IndexError)
            return list.__getitem__(self, i % len(self))
        return list.__getitem__(self, i)

    def tick(self):
        self._pos += 1
        return self[self._pos]

    def look(self):
        return self[max(self._pos, 0)]


def tick(name="_"):
    """Count up by one on this strand of time (each live_loop has its own counters) and return the count.

    Example:
        @live_loop
        def arp():
            play(scale("C4", "major")[tick() % 8], release=0.1)
            sleep(0.125)
    """
    c = _now.ticks.get(name, -1) + 1
    _now.ticks[name] = c
    return c


def look(name="_"):
    """The current tick count without moving it.

    Example:
        tick()
        print(look())
    """
    return _now.ticks.get(name, 0)


# --------------------------------------------------------------------------- unit generators (JSyn style)

class Port:
    """A port of a unit generator. Inputs: set(value), ramp(value, beats), connect(output);
    gates also on() and off(). Outputs: connect(input). Changes happen at the current time.
    """

    def __init__(self, unit, name, spec, part=0):
        self.unit = unit
        self.name = name
        self.spec = spec
        self.part = part

    def __getitem__(self, part):
        if not isinstance(part, int) or not 0 <= part < self.spec["parts"]:
            _fail("%s.%s has parts 0..%d, got %r" % (self.unit.type, self.name, self.spec["parts"] - 1, part), IndexError)
        return Port(self.unit, self.name, self.spec, part)

    @property
    def is_output(self):
        return self.spec["direction"] == "OUTPUT"

    def _event(self, action, value=0.0, duration=0.0):
        if self.is_output:
            _fail("%s.%s is an output: only inputs can be set" % (self.unit.type, self.name))
        _checked(_host.portEvent(_now.time, self.unit.id, self.name, self.part, action, float(value), float(duration)))

    def set(self, value):
        """Set an input to a constant from now on."""
        self._event("SET", _number("set", self.name, value))

    def ramp(self, value, beats):
        """Glide an input linearly to value over a number of beats, starting now."""
        self._event("RAMP", _number("ramp", self.name, value), _number("ramp", "beats", beats) * _now.spb)

    def on(self):
        """Open a gate (start an envelope)."""
        self._gate("ON")

    def off(self):
        """Close a gate (release an envelope)."""
        self._gate("OFF")

    def _gate(self, action):
        if self.spec["direction"] != "GATE":
            _fail("%s.%s is not a gate: on()/off() work on an envelope's input" % (self.unit.type, self.name))
        self._event(action)

    def connect(self, *args):
        """Connect this port to another: out.connect(inp), or JSyn's out.connect(part, inp, part)."""
        if len(args) == 1:
            src_part, other, dst_part = self.part, args[0], None
        elif len(args) == 3:
            src_part, other, dst_part = args
        else:
            _fail("connect(): use a.output.connect(b.input) or a.output.connect(0, b.input, 1)", TypeError)
        if isinstance(other, UnitGenerator):
            other = other._default_port(not self.is_output)
        if not isinstance(other, Port):
            _fail("connect(): expected a port like filter.input, got %r" % (other,), TypeError)
        if dst_part is None:
            dst_part = other.part
        src, dst, sp, dp = (self, other, src_part, dst_part) if self.is_output else (other, self, dst_part, src_part)
        if not src.is_output or dst.is_output:
            _fail("connect(): connect an output to an input (%s.%s to %s.%s)"
                  % (self.unit.type, self.name, other.unit.type, other.name))
        _checked(_host.connect(src.unit.id, src.name, sp, dst.unit.id, dst.name, dp))

    def __repr__(self):
        return "<%s.%s[%d]>" % (self.unit.type, self.name, self.part)


class UnitGenerator:
    """Base of all unit generators. Create one with its type, e.g. SineOscillator(frequency=220),
    then use its ports: osc.frequency.set(330), osc.output.connect(flt.input)."""

    type = "UnitGenerator"

    def __init__(self, **ports):
        self.id = _checked(_host.unitCreate(self.type, _now.name))
        for k, v in ports.items():
            p = self._port(k)
            p.set(v)

    def _port(self, name):
        spec = self._specs.get(name)
        if spec is None:
            _fail("%s has no port %r: its ports are %s" % (self.type, name, ", ".join(self._specs)), AttributeError)
        return Port(self, name, spec)

    def _default_port(self, want_output):
        for name, spec in self._specs.items():
            if (spec["direction"] == "OUTPUT") == want_output:
                return Port(self, name, spec)
        _fail("%s has no %s port" % (self.type, "output" if want_output else "input"))

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._port(name)

    def __repr__(self):
        return "<%s #%d>" % (self.type, self.id)


def out(source, amp=1, pan=0):
    """Send a unit generator (or one of its output ports) to the speakers, or into the
    effect of the enclosing with_fx. Stereo outputs (Pan, Reverb) go left and right.

    Example:
        osc = SawtoothOscillatorBL(frequency=110, amplitude=0.4)
        flt = FilterLowPass(frequency=800, Q=4)
        osc.output.connect(flt.input)
        out(flt)
        flt.frequency.ramp(3000, 4)
        sleep(4)
    """
    if isinstance(source, UnitGenerator):
        source = source._default_port(True)
    if not isinstance(source, Port) or not source.is_output:
        _fail("out(): expected a unit generator or an output port, got %r" % (source,), TypeError)
    a, p = _number("out", "amp", amp), _number("out", "pan", pan)
    if source.spec["parts"] == 2 and source.part == 0:
        _checked(_host.route(source.unit.id, source.name, 0, _now.fx[-1], a, -1.0, _now.name))
        _checked(_host.route(source.unit.id, source.name, 1, _now.fx[-1], a, 1.0, _now.name))
    else:
        _checked(_host.route(source.unit.id, source.name, source.part, _now.fx[-1], a, p, _now.name))


def unit_names():
    """The unit generator types you can create.

    Example:
        print(unit_names())
    """
    return list(_catalog["units"])


def _make_unit_class(name, spec):
    lines = [spec["doc"], "", "Ports:"]
    for pname, p in spec["ports"].items():
        kind = {"INPUT": "input", "GATE": "gate", "OUTPUT": "output"}[p["direction"]]
        extra = "" if p["direction"] == "OUTPUT" else " (default %g)" % p["default"]
        parts = " [parts 0..%d]" % (p["parts"] - 1) if p["parts"] > 1 else ""
        lines.append("    %s: %s%s%s, %s" % (pname, kind, parts, extra, p["doc"]))
    return type(name, (UnitGenerator,), {"type": name, "_specs": spec["ports"], "__doc__": "\n".join(lines)})


# --------------------------------------------------------------------------- set-up (called by the runtime)

def _fill_docs():
    subs = {
        "%SYNTHS%": ", ".join(_catalog["synths"]),
        "%SCALES%": ", ".join(_catalog["scales"]),
        "%CHORDS%": ", ".join(_catalog["chords"]),
        "%FX%": ", ".join(_catalog["fx"]),
    }
    for fn in (use_synth, scale, chord, with_fx):
        doc = fn.__doc__
        for k, v in subs.items():
            doc = doc.replace(k, v)
        fn.__doc__ = doc


def _install(host, catalog_json, script_name):
    global _host, _catalog, _SCRIPT
    _host = host
    # The catalogue is JSON with only strings, numbers, lists and objects, which is also a Python
    # literal: evaluating it costs nothing, while importing json costs a second per context.
    _catalog = eval(catalog_json, {"__builtins__": {}})
    _SCRIPT = script_name
    _fill_docs()
    g = globals()
    for uname, spec in _catalog["units"].items():
        g[uname] = _make_unit_class(uname, spec)
        __all__.append(uname)


class Blocked(PermissionError):
    """Raised by the import guard and the replaced built-ins: something Riffcode scripts may not do."""


def _error_info(exc, filename):
    """[kind, message, line, refused, detail] of an exception, the line being the innermost one in
    the user's file. refused names what the sandbox refused when the exception is its refusal
    ("" otherwise); the host words the message for it."""
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return ["SyntaxError", exc.msg or "invalid syntax", exc.lineno or 0, "", ""]
    line = 0
    called = []   # library code the script's line went through, innermost last
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == filename:
            line = tb.tb_lineno
            called = []
        else:
            called.append((code.co_filename, code.co_name))
        tb = tb.tb_next
    refused, detail = _refusal(exc, called)
    return [type(exc).__name__, str(exc), line, refused, detail]


def _refusal(exc, called):
    """(what, detail) when exc is GraalVM's sandbox refusing something (or an exit), ("", "") otherwise."""
    text = str(exc)
    if isinstance(exc, OSError) and exc.errno == 1:
        # EPERM is the sandbox's answer to files and to processes alike: the library code the
        # line went through, or a file name, tells which.
        for path, func in called:
            if path.endswith("subprocess.py") or "multiprocessing" in path or (
                    path.endswith("os.py") and func.lstrip("_").startswith(("exec", "spawn", "popen"))):
                return "process", ""
        if exc.filename is not None:
            return "files", str(exc.filename)
        return "os", ""
    if isinstance(exc, KeyError) and exc.args and str(exc.args[0]).startswith("host symbol "):
        # java.type() on a class scripts may not look up: "host symbol NAME is not defined ..."
        return "java", str(exc.args[0]).split(" ")[2]
    if text.startswith("Host class loading is not allowed"):
        return "java", ""
    if text == "polyglot access is not allowed":
        return "polyglot", ""
    if isinstance(exc, ImportError) and (exc.name == "_ctypes" or any(
            path.endswith("ctypes/__init__.py") for path, _ in called)):
        return "native", ""
    if isinstance(exc, SystemExit):
        return "exit", ""
    return "", ""


def _run_script(code, filename):
    """Run the user's script as __main__. Returns None, or _error_info() of its error."""
    global _SCRIPT
    _SCRIPT = filename
    try:
        compiled = compile(code, filename, "exec")
        exec(compiled, _sys.modules["__main__"].__dict__)
    except BaseException as e:  # the script's own error, reported with its line, never raised to the host
        return _error_info(e, filename)
    return None


_last_call = [None, None, False]   # for _locate: the built-in running (if any), the frame running,
                                   # and whether an exception is leaving that frame


def _locate(code, filename, horizon):
    """Run the script again, following which frame runs and which built-in it is in, for a run that
    ended with no line: GraalVM refusing a thread, a process or a socket stops the script with a
    Java error that Python cannot catch, so there is no traceback. Returns what _run_script or
    _finish reported, or None; the host then asks _where()."""
    last = _last_call
    own = _locate.__code__.co_filename

    def profile(frame, event, arg):
        if frame.f_code.co_filename == own:
            return   # the API's own frames, _where's among them, are not where a script fails
        if event == "call" or event == "c_call":
            last[2] = False
        elif last[2]:
            return   # an exception is unwinding: keep where it was raised
        last[2] = event == "c_exception"
        # Not every call is an event (calling a built-in type is not), so "return" matters too:
        # after it the caller runs again, and the error may come from what it calls next.
        last[0] = arg if event == "c_call" or event == "c_exception" else None
        last[1] = frame.f_back if event == "return" else frame

    _sys.setprofile(profile)
    try:
        failed = _run_script(code, filename)
        if failed is None:
            finish = _finish(horizon, filename)
            failed = finish[1:] if finish[0] == "error" else None
    finally:
        _sys.setprofile(None)
    return failed


def _where(filename):
    """[line, built-in] where _locate's run stopped: the innermost line of the user's file that was
    running, and the built-in it was in as Python names it (e.g. "_thread.start_new_thread"), or ""."""
    func, frame, _ = _last_call
    _sys.setprofile(None)
    while frame is not None and frame.f_code.co_filename != filename:
        frame = frame.f_back
    if func is None:
        return [frame.f_lineno if frame is not None else 0, ""]
    owner = getattr(func, "__self__", None)
    module = getattr(func, "__module__", None) or getattr(owner, "__name__", None) or ""
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or ""
    return [frame.f_lineno if frame is not None else 0, (module + "." if module else "") + name]


def _finish(horizon, filename):
    """Run the live loops to the horizon. Returns ["ok", main end time, loop names] or ["error"] + _error_info()."""
    try:
        return ["ok"] + _run_loops(horizon)
    except BaseException as e:  # as in _run_script
        return ["error"] + _error_info(e, filename)


def _check_syntax(code, filename):
    """Compile the code and never run it (for an editor marking errors as you type). Returns None,
    or [kind, message, line]."""
    try:
        compile(code, filename, "exec")
    except SyntaxError as e:   # IndentationError and TabError too
        return [type(e).__name__, e.msg or "invalid syntax", e.lineno or 0]
    except (ValueError, MemoryError, RecursionError) as e:   # a NUL byte; nesting too deep to parse
        return [type(e).__name__, str(e), 0]
    return None


def _live_install(code, filename, bpm):
    """Live play, one version: run the top level from time 0 (loops are defined, not run).
    Returns ["ok", end time, tempo at the end, [[loop name, first line, start time], ...]]
    or ["error", kind, message, line]."""
    global _now
    _now = _Timeline("main", 0.0, float(bpm))
    failed = _run_script(code, filename)
    if failed is not None:
        return ["error"] + failed
    return ["ok", _now.time, _now.bpm, [[l[0], l[1].__code__.co_firstlineno, l[2].time] for l in _loops]]


def _live_pass(name, passes, ticks):
    """Live play, one pass of a loop of this version, from time 0. ticks: [[name, count], ...] as the
    loop's last pass left them. Returns ["ok", pass length, ticks] or ["error", kind, message, line]."""
    loop = None
    for l in _loops:
        if l[0] == name:
            loop = l
    if loop is None:
        return ["error", "NameError", "this version has no live_loop %r" % name, 0]
    try:
        length, counters = _run_pass(loop, int(passes), [(str(k), int(c)) for k, c in ticks])
    except BaseException as e:  # as in _run_script
        info = _error_info(e, _SCRIPT)
        if info[2] == 0:
            info[2] = loop[1].__code__.co_firstlineno
        return ["error"] + info
    return ["ok", length, [[k, v] for k, v in counters.items()]]


def _reference():
    """The API reference, written from the docstrings above (for people, the LLM and the editor)."""
    import inspect
    out = []
    for name in __all__:
        obj = globals()[name]
        if isinstance(obj, type) and issubclass(obj, UnitGenerator):
            out.append("### %s(**ports)\n%s\n" % (name, inspect.getdoc(obj)))
            continue
        try:
            sig = str(inspect.signature(obj))
        except (TypeError, ValueError):
            sig = "(...)"
        out.append("### %s%s\n%s\n" % (name, sig, inspect.getdoc(obj) or ""))
    return "\n".join(out)
