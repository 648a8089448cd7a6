package dev.riffcode.ui.history;

import dev.riffcode.session.Origin;
import dev.riffcode.session.Session;
import dev.riffcode.session.Step;
import dev.riffcode.session.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A session's history as the history panel shows it: one {@link HistoryEntry} per step, in order,
 * with each version's code and its diff against its parent (or the previous version). A snapshot:
 * build a new one when the session has grown. Problems reading a file become text in the entries,
 * never exceptions, so one damaged file does not hide the rest of the story.
 */
public final class HistoryModel {

    /** A version's file and what reading it gave. */
    private record Text(StoredFile file, String code, String problem) {
    }

    private static final Text NOTHING = new Text(null, "", null);

    private final List<HistoryEntry> entries;
    private final Map<Integer, HistoryEntry.Version> versions;
    private final Map<Integer, Text> texts;

    private HistoryModel(List<HistoryEntry> entries, Map<Integer, HistoryEntry.Version> versions,
            Map<Integer, Text> texts) {
        this.entries = List.copyOf(entries);
        this.versions = versions;
        this.texts = texts;
    }

    /** The history of {@code session} as its steps are now, reading every version's code. */
    public static HistoryModel of(Session session) {
        return of(session, null);
    }

    /**
     * As {@link #of(Session)}, taking code and diffs of versions {@code previous} already read
     * when their files are the same (same name, size and SHA-256). Refreshing after each step then
     * reads only the new files: a live session can have hundreds of versions, and the panel
     * refreshes on the event thread.
     *
     * @param previous an earlier model of the same session, or null
     */
    public static HistoryModel of(Session session, HistoryModel previous) {
        List<Step> steps = session.steps();
        Map<Integer, HistoryEntry.Check> lastCheck = new HashMap<>();
        for (Step step : steps) {
            if (step instanceof Step.Validation v) {
                lastCheck.put(v.version(), check(v));
            }
        }
        List<HistoryEntry> entries = new ArrayList<>();
        Map<Integer, HistoryEntry.Version> versions = new LinkedHashMap<>();
        Map<Integer, Text> texts = new HashMap<>();
        String lastPrompt = null;
        for (Step step : steps) {
            HistoryEntry entry;
            if (step instanceof Step.Prompt p) {
                lastPrompt = promptText(session, p);
                entry = new HistoryEntry.Prompt(p.id(), p.time(), lastPrompt, p.mode(), p.model());
            } else if (step instanceof Step.Code c) {
                Text text = read(session, c, previous);
                texts.put(c.version(), text);
                HistoryEntry.Version version = version(c, text, texts, previous, lastCheck.get(c.version()),
                        ledByPrompt(c.origin()) ? lastPrompt : null);
                versions.put(c.version(), version);
                entry = version;
            } else {
                entry = simple(step);
            }
            entries.add(entry);
        }
        return new HistoryModel(entries, versions, texts);
    }

    /** Every entry, in the order the steps happened. */
    public List<HistoryEntry> entries() {
        return entries;
    }

    /** The version entries, version 1 first. */
    public List<HistoryEntry.Version> versions() {
        return List.copyOf(versions.values());
    }

    /** The entry of version {@code number}, if the session has it. */
    public Optional<HistoryEntry.Version> version(int number) {
        return Optional.ofNullable(versions.get(number));
    }

    /** The newest version number, 0 if there is no code yet. */
    public int latestVersion() {
        return versions.size();
    }

    // ---- building -----------------------------------------------------------------------------

    private static HistoryEntry.Version version(Step.Code c, Text text, Map<Integer, Text> texts,
            HistoryModel previous, HistoryEntry.Check check, String prompt) {
        int base = c.parent() != null ? c.parent() : c.version() - 1;
        Text baseText = base == 0 ? NOTHING : texts.getOrDefault(base, NOTHING);
        String problem = text.problem() != null ? text.problem()
                : baseText.problem() != null ? "no diff: " + baseText.problem()
                : null;
        VersionDiff diff = null;
        if (problem == null) {
            diff = reusedDiff(previous, c.version(), base, text, baseText);
            if (diff == null) {
                String baseName = baseText.file() == null ? "/dev/null" : baseText.file().name();
                diff = VersionDiff.between(baseName, baseText.code(), text.file().name(), text.code());
            }
        }
        return new HistoryEntry.Version(c.id(), c.time(), c.version(), c.origin(), c.parent(), base, text.code(),
                diff, problem, check, prompt);
    }

    /** The diff {@code previous} computed for the same two files, or null. */
    private static VersionDiff reusedDiff(HistoryModel previous, int version, int base, Text text, Text baseText) {
        if (previous == null) {
            return null;
        }
        HistoryEntry.Version known = previous.versions.get(version);
        Text knownBase = base == 0 ? NOTHING : previous.texts.get(base);
        boolean same = known != null && known.base() == base && knownBase != null
                && Objects.equals(previous.texts.get(version).file(), text.file())
                && Objects.equals(knownBase.file(), baseText.file());
        return same ? known.diff() : null;
    }

    private static Text read(Session session, Step.Code c, HistoryModel previous) {
        Text known = previous == null ? null : previous.texts.get(c.version());
        if (known != null && known.problem() == null && Objects.equals(known.file(), c.file())) {
            return known; // version files are never rewritten once indexed
        }
        try {
            return new Text(c.file(), session.code(c.version()), null);
        } catch (IOException e) {
            return new Text(c.file(), null, c.file().name() + " cannot be read: " + e.getMessage());
        }
    }

    private static String promptText(Session session, Step.Prompt p) {
        try {
            return session.promptText(p);
        } catch (IOException e) {
            return "(" + p.file().name() + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Whether a version of this origin came from the latest prompt (hand edits, imports and live saves did not). */
    private static boolean ledByPrompt(Origin origin) {
        return origin != Origin.MANUAL && origin != Origin.IMPORT && origin != Origin.LIVE;
    }

    private static HistoryEntry.Check check(Step.Validation v) {
        return new HistoryEntry.Check(v.id(), v.time(), v.version(), v.ok(), v.error(), v.line());
    }

    /** The entry of a step that needs no file read. */
    private static HistoryEntry simple(Step step) {
        if (step instanceof Step.Answer a) {
            return new HistoryEntry.Answer(a.id(), a.time(), a.model(), a.durationMs(), a.partial());
        } else if (step instanceof Step.Validation v) {
            return check(v);
        } else if (step instanceof Step.Repair r) {
            return new HistoryEntry.Repair(r.id(), r.time(), r.version(), r.reason());
        } else if (step instanceof Step.Render r) {
            return new HistoryEntry.Render(r.id(), r.time(), r.version(), r.file().name(), r.seconds(), r.peakDbfs());
        } else if (step instanceof Step.Failure f) {
            return new HistoryEntry.Failure(f.id(), f.time(), f.category(), f.message(), f.version());
        } else if (step instanceof Step.Note n) {
            return new HistoryEntry.Note(n.id(), n.time(), n.text());
        } else if (step instanceof Step.Export e) {
            return new HistoryEntry.Note(e.id(), e.time(), (e.kind().equals("midi") ? "MIDI file of v" : "stems of v")
                    + e.version() + ": " + String.join(", ", e.files().stream().map(StoredFile::name).toList()));
        } else if (step instanceof Step.Image i) {
            return new HistoryEntry.Note(i.id(), i.time(), "picture " + i.file().name() + " (" + i.source() + ", "
                    + i.width() + "\u00d7" + i.height() + ")");
        } else if (step instanceof Step.Clip c) {
            // Shown as a note until the history has a row of its own for clips.
            return new HistoryEntry.Note(c.id(), c.time(), "clip:" + c.name() + " from " + c.backend()
                    + (c.file() == null ? ", no audio arrived" : String.format(java.util.Locale.ROOT, ", %.1f s",
                            c.seconds())) + (c.complete() ? "" : " (incomplete)"));
        }
        throw new IllegalArgumentException("a step the history does not know: " + step);
    }
}
